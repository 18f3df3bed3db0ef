import type { Situation } from './situations/situation.js';

/**
 * `disposableUserSite: true`: a user install goes to a throw-away user base
 * (PYTHONUSERBASE, one per Python version) instead of ~/.local, so "try this
 * package" leaves nothing behind after `pipwarden user clean`. Applies to
 * whatever made the install a user install (--user, PIP_USER, pip.conf, the
 * not-writable fallback), never to one already sent to a venv or an env.
 */
export function useDisposableBase(s: Situation): void {
  const { draft, facts, config } = s;
  const base = facts.disposableUserBase;
  if (!config.config.disposableUserSite || base === undefined) return;
  if (draft.refusal !== null || s.subcommand !== 'install' || draft.runner.kind !== 'original')
    return;
  const user =
    draft.addUser || (s.user.value === true && !draft.removeUser && draft.envSet.PIP_USER !== '0');
  if (!user || !s.interp.enableUserSite) return;
  draft.envSet.PYTHONUSERBASE = base;
  const python = s.facts.tool.kind === 'python' ? s.facts.tool.name : 'python3';
  draft.outcomes.push({
    kind: 'disposable-base',
    base,
    next: { kind: 'use-disposable-base', base, python },
  });
}
