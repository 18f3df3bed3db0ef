import type { ForeignDid, ForeignEnv, UserOff, Why } from '../../reason.js';
import { applied, refuse, ruleFor } from '../draft.js';
import { installPip } from '../hints.js';
import { keepUser, neutraliseUser } from '../neutralise-user.js';
import { cannotTarget } from '../pip-fits.js';
import { requiresVirtualenv } from '../require-virtualenv.js';
import { samePrefix } from '../same-path.js';
import type { Situation } from './situation.js';

/**
 * 2. A conda or pixi env (or a venv) is active, but the pip that would run
 * belongs to another interpreter, so pip would install outside the env.
 * Returns true when pip was pointed at the env.
 */
export function foreignEnv(s: Situation): boolean {
  const { facts, interp, config, draft } = s;
  const env = facts.activeEnv;
  if (!env || env.python === null) return false;
  if (env.isCondaBase && !config.config.condaBase) return false;
  // A symlinked spelling of the same env (VIRTUAL_ENV=~/link) is the same env.
  if (samePrefix(env, interp)) return false;
  // `python3.11 -m pip` or `pip3.11` names a version: redirect only to an env
  // that has that version, never quietly to another one.
  const wanted = /(\d+\.\d+)$/.exec(facts.tool.name)?.[1];
  if (wanted && env.pythonVersions && !env.pythonVersions.includes(wanted)) return false;
  const rule = ruleFor(config, 'foreignEnv');
  if (rule.action === 'pip') return false;
  const required = requiresVirtualenv(s);
  if (required !== null && env.kind !== 'venv' && rule.action === 'env') {
    // pip's require-virtualenv exits 3 ("Could not find an activated
    // virtualenv (required)") under a conda or pixi interpreter: pointing pip
    // there would fail a call that, as typed, runs in a virtualenv.
    const why: Why = {
      kind: 'env-requires-virtualenv',
      envKind: env.kind,
      prefix: env.prefix,
      required,
    };
    applied(draft, config, 'foreignEnv', 'pip', why, 'warning');
    return false;
  }
  const found: ForeignEnv = {
    envKind: env.kind,
    prefix: env.prefix,
    source: env.source,
    tool: facts.tool.path,
    owner: interp.prefix,
  };
  const what = (did: ForeignDid): Why => ({ kind: 'foreign-env', env: found, did });
  if (rule.action === 'refuse') {
    refuse(draft, config, 'foreignEnv', what({ kind: 'refused' }), [
      installPip(env.kind, env.prefix),
    ]);
    return true;
  }
  if (env.pip !== null) {
    const user = userMode(s, env);
    if (user === null) return true;
    draft.runner =
      s.facts.tool.kind === 'python'
        ? { kind: 'python', python: env.python }
        : { kind: 'pip-script', path: env.pip };
    applied(draft, config, 'foreignEnv', 'env', what({ kind: 'own-pip', ...user }));
    return true;
  }
  const target = env.pythonVersion ?? null;
  const own = cannotTarget(
    { version: interp.pipVersion, requiresPython: interp.pipRequiresPython ?? null },
    target,
  );
  if (own === null) {
    const user = userMode(s, env);
    if (user === null) return true;
    draft.pythonOption = env.python;
    const did = {
      kind: 'python-option',
      pipVersion: interp.pipVersion,
      python: env.python,
      ...user,
    } as const;
    applied(draft, config, 'foreignEnv', 'env', what(did));
    return true;
  }
  // pip --python runs pip's own code under the env's python: a pip that
  // cannot run there crashes or refuses (pip-fits.ts), so another one that can.
  const other = facts.fallbackPip ?? null;
  const otherCannot = other === null ? null : cannotTarget(other, target);
  if (other !== null && otherCannot === null) {
    const user = userMode(s, env);
    if (user === null) return true;
    draft.runner = { kind: 'pip-script', path: other.path };
    draft.pythonOption = env.python;
    const did = {
      kind: 'other-python-option',
      own,
      version: other.version,
      path: other.path,
      python: env.python,
      ...user,
    } as const;
    applied(draft, config, 'foreignEnv', 'env', what(did));
    return true;
  }
  const did: ForeignDid =
    other === null && own.why.kind === 'no-python-option'
      ? { kind: 'pip-too-old', pipVersion: interp.pipVersion, since: own.why.since }
      : {
          kind: 'no-pip-fits',
          own,
          other:
            other === null || otherCannot === null
              ? null
              : { path: other.path, cannot: otherCannot },
        };
  refuse(draft, config, 'foreignEnv', what(did), [installPip(env.kind, env.prefix)]);
  return true;
}

/**
 * User mode for a plan that points pip at the env. The env's pip would refuse
 * --user in a venv ("User site-packages are not visible in this
 * virtualenv"), a call pip alone would complete, so it is turned off there.
 * A conda or pixi env would take it and write to the user site: that is
 * `onUserInCondaEnv`'s call, as when the env's own pip is run (so `pip` and
 * `python -m pip` end alike). Returns who had user mode on and whether it
 * was turned off or kept, or null when the call is refused.
 */
function userMode(
  s: Situation,
  env: NonNullable<Situation['facts']['activeEnv']>,
): { userOff: UserOff | null; userKept: UserOff | null } | null {
  if (env.kind === 'venv' || s.user.value !== true)
    return { userOff: neutraliseUser(s), userKept: null };
  const rule = ruleFor(s.config, 'userInCondaEnv');
  if (rule.action === 'pip') return { userOff: null, userKept: keepUser(s) };
  if (rule.action === 'refuse') {
    const why: Why = {
      kind: 'user-in-conda-env',
      envKind: env.kind,
      prefix: env.prefix,
      userSite: null,
      from: s.user.source,
    };
    refuse(s.draft, s.config, 'userInCondaEnv', why, [{ kind: 'drop-user', envKind: env.kind }]);
    return null;
  }
  return { userOff: neutraliseUser(s), userKept: null };
}
