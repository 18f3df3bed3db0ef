import type { PipInvocation } from '../argv/types.js';
import type { Facts } from '../facts.js';
import type { Outcome } from '../outcome.js';
import type { Draft } from './draft.js';
import { samePath } from './same-path.js';
import { explicitLocation, userMode } from './user-mode.js';

type Target = Extract<Outcome, { kind: 'target' }>;

/**
 * Where a plan that runs sends the install (`announce: true`), read from the
 * finished draft: the disposable base, the configured venv or the active
 * env the runner was pointed at, the user site, or the interpreter's own
 * prefix (facts.interpreter is the importer's once pip was pointed there).
 * The version is left out where the facts do not know it (an env's python
 * that was not probed).
 */
export function landing(draft: Draft, facts: Facts, inv: PipInvocation): Target | null {
  const interp = facts.interpreter;
  const subcommand = inv.subcommand ?? '';
  if (interp === null) return null;
  const version: [number, number] = [interp.version[0], interp.version[1]];
  const base = draft.envSet.PYTHONUSERBASE;
  if (base !== undefined)
    return { kind: 'target', subcommand, where: base, place: 'disposable', version };
  const env = facts.activeEnv;
  const venv = facts.configuredVenv;
  const runner = draft.runner;
  const into = (where: string, v: [number, number] | null): Target => ({
    kind: 'target',
    subcommand,
    where,
    place: 'env',
    version: v,
  });
  if (runner.kind === 'python' && samePath(runner.python, `${venv.path}/bin/python`))
    return into(venv.path, venv.exists ? null : version);
  const envPython = draft.pythonOption ?? (runner.kind === 'python' ? runner.python : null);
  const envPip = runner.kind === 'pip-script' ? runner.path : null;
  if (
    env !== null &&
    ((envPython !== null && envPython === env.python) || (envPip !== null && envPip === env.pip))
  ) {
    const only = env.pythonVersions?.length === 1 ? env.pythonVersions[0] : undefined;
    const v = only?.split('.').map(Number) as [number, number] | undefined;
    return into(env.prefix, v ?? null);
  }
  const user = draft.addUser || (!draft.removeUser && userMode(inv, facts).value === true);
  if (user)
    return { kind: 'target', subcommand, where: interp.userSite, place: 'user-site', version };
  return into(interp.prefix, version);
}

/** The announcement for a call passed as typed because it names its own location. */
export function explicitLanding(inv: PipInvocation, facts: Facts): Target | null {
  const where = explicitLocation(inv, facts);
  const interp = facts.interpreter;
  if (where === null) return null;
  const version: [number, number] | null = interp ? [interp.version[0], interp.version[1]] : null;
  return {
    kind: 'target',
    subcommand: inv.subcommand ?? '',
    where: where.value,
    place: 'explicit',
    version,
  };
}
