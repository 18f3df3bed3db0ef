import type { Facts } from '../facts.js';
import type { Notice } from '../plan.js';
import type { Draft } from './draft.js';

/**
 * What the user reads on stderr: one line, plus an optional `next:` line.
 * The reasons keep every detail for `explain` (which variables told us, the
 * interpreter pip belonged to); a notice in a conda or pixi shell carried all
 * of that and wrapped to three lines. Matched by text, so a situation whose
 * wording changes simply keeps its long notice.
 */
export function shortNotices(draft: Draft, facts: Facts): Notice[] {
  return draft.notices.flatMap((n) => {
    const reason = draft.reasons.find((r) => r.message === n.text);
    if (!reason) return [n];
    if (reason.situation === 'foreignEnv' && reason.action === 'env')
      return foreignEnv(n, draft, facts);
    if (reason.situation === 'notWritable' && reason.action === 'user')
      return notWritable(n, draft, facts);
    return [n];
  });
}

function foreignEnv(n: Notice, draft: Draft, facts: Facts): Notice[] {
  const env = facts.activeEnv;
  if (!env) return [n];
  const how =
    draft.pythonOption !== null
      ? 'through pip --python: it has no pip of its own'
      : 'with its own pip';
  const what = env.kind === 'venv' ? 'venv' : `${env.kind} env`;
  // Dropping the user's --user or PIP_USER is a change they must hear of.
  const userOff = draft.userOff ?? '';
  return [
    {
      level: n.level,
      text: `installing into the active ${what} ${env.prefix}, ${how}${userOff}`,
    },
  ];
}

function notWritable(n: Notice, draft: Draft, facts: Facts): Notice[] {
  const i = facts.interpreter;
  if (!i) return [n];
  // The disposable base says where it went, in its own notice.
  if (draft.envSet.PYTHONUSERBASE !== undefined) return [];
  const out: Notice[] = [
    {
      level: n.level,
      text: `${i.purelib} is not writable: installing with --user into ${i.userSite}`,
    },
  ];
  if (!i.userScriptsOnPath) {
    out.push({
      level: n.level,
      text: `next: scripts go to ${i.userScripts}, which is NOT on PATH: export PATH="${i.userScripts}:$PATH"`,
    });
  }
  return out;
}
