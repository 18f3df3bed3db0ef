import type { FallbackPip } from '../../facts.js';
import type { ForeignDid, ForeignEnv, PipCannot, UserOff, Why } from '../../reason.js';
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
  const env = foreignTarget(s);
  if (env === null) return false;
  const rule = ruleFor(s.config, 'foreignEnv');
  if (rule.action === 'pip') return false;
  if (rule.action === 'env' && virtualenvRequiredElsewhere(s, env)) return false;
  const what = foreignWhy(s, env);
  if (rule.action === 'refuse') {
    refuse(s.draft, s.config, 'foreignEnv', what({ kind: 'refused' }), [
      installPip(env.kind, env.prefix),
    ]);
    return true;
  }
  if (env.pip !== null) runEnvPip(s, { ...env, pip: env.pip }, what);
  else pointPipAtEnv(s, env, what);
  return true;
}

type ActiveEnv = NonNullable<Situation['facts']['activeEnv']>;
/** An active env with a python of its own: one pip can be pointed at. */
type TargetEnv = ActiveEnv & { python: string };
/** The reason for a plan about this env, given what was done. */
type WhatDid = (did: ForeignDid) => Why;

/**
 * The active env the call's pip belongs outside of, or null when this
 * situation does not apply: no env, or one without python; conda's base
 * unless `condaBase`; the env the pip is already in; or an env that lacks
 * the version the tool names.
 */
function foreignTarget(s: Situation): TargetEnv | null {
  const { facts, interp, config } = s;
  const env = facts.activeEnv;
  if (!env || env.python === null) return null;
  if (env.isCondaBase && !config.config.condaBase) return null;
  // A symlinked spelling of the same env (VIRTUAL_ENV=~/link) is the same env.
  if (samePrefix(env, interp)) return null;
  // `python3.11 -m pip` or `pip3.11` names a version: redirect only to an env
  // that has that version, never quietly to another one.
  const wanted = /(\d+\.\d+)$/.exec(facts.tool.name)?.[1];
  if (wanted && env.pythonVersions && !env.pythonVersions.includes(wanted)) return null;
  return { ...env, python: env.python };
}

/**
 * pip's require-virtualenv exits 3 ("Could not find an activated virtualenv
 * (required)") under a conda or pixi interpreter: pointing pip there would
 * fail a call that, as typed, runs in a virtualenv. Warns and returns true
 * then.
 */
function virtualenvRequiredElsewhere(s: Situation, env: TargetEnv): boolean {
  if (env.kind === 'venv') return false;
  const required = requiresVirtualenv(s);
  if (required === null) return false;
  const why: Why = {
    kind: 'env-requires-virtualenv',
    envKind: env.kind,
    prefix: env.prefix,
    required,
  };
  applied(s.draft, s.config, 'foreignEnv', 'pip', why, 'warning');
  return true;
}

/** The env as found (whose pip would have run, from which variables), for every reason below. */
function foreignWhy(s: Situation, env: TargetEnv): WhatDid {
  const found: ForeignEnv = {
    envKind: env.kind,
    prefix: env.prefix,
    source: env.source,
    tool: s.facts.tool.path,
    owner: s.interp.prefix,
  };
  return (did) => ({ kind: 'foreign-env', env: found, did });
}

/** The env has its own pip: run it (or the env's python -m pip). */
function runEnvPip(s: Situation, env: TargetEnv & { pip: string }, what: WhatDid): void {
  const user = userMode(s, env);
  if (user === null) return;
  s.draft.runner =
    s.facts.tool.kind === 'python'
      ? { kind: 'python', python: env.python }
      : { kind: 'pip-script', path: env.pip };
  applied(s.draft, s.config, 'foreignEnv', 'env', what({ kind: 'own-pip', ...user }));
}

/**
 * The env has no pip: `pip --python <env python>`, by this pip when it can
 * run there, else by another one that can (pip-fits.ts: a pip that cannot
 * crashes or refuses), else refused with the step that installs pip.
 */
function pointPipAtEnv(s: Situation, env: TargetEnv, what: WhatDid): void {
  const { interp } = s;
  const target = env.pythonVersion ?? null;
  const own = cannotTarget(
    { version: interp.pipVersion, requiresPython: interp.pipRequiresPython ?? null },
    target,
  );
  if (own === null) {
    ownPipWithPython(s, env, what);
    return;
  }
  const other = s.facts.fallbackPip ?? null;
  const otherCannot = other === null ? null : cannotTarget(other, target);
  if (other === null) refuseNoPipFits(s, env, what, own, null);
  else if (otherCannot === null) otherPipWithPython(s, env, what, own, other);
  else refuseNoPipFits(s, env, what, own, { path: other.path, cannot: otherCannot });
}

/** This pip, with `--python <env python>`. */
function ownPipWithPython(s: Situation, env: TargetEnv, what: WhatDid): void {
  const user = userMode(s, env);
  if (user === null) return;
  s.draft.pythonOption = env.python;
  const did = {
    kind: 'python-option',
    pipVersion: s.interp.pipVersion,
    python: env.python,
    ...user,
  } as const;
  applied(s.draft, s.config, 'foreignEnv', 'env', what(did));
}

/** Another pip on PATH that can run under the env's python, with `--python`. */
function otherPipWithPython(
  s: Situation,
  env: TargetEnv,
  what: WhatDid,
  own: PipCannot,
  other: FallbackPip,
): void {
  const user = userMode(s, env);
  if (user === null) return;
  s.draft.runner = { kind: 'pip-script', path: other.path };
  s.draft.pythonOption = env.python;
  const did = {
    kind: 'other-python-option',
    own,
    version: other.version,
    path: other.path,
    python: env.python,
    ...user,
  } as const;
  applied(s.draft, s.config, 'foreignEnv', 'env', what(did));
}

/** No pip can run under the env's python: this one is too old for `--python`, or none fits. */
function refuseNoPipFits(
  s: Situation,
  env: TargetEnv,
  what: WhatDid,
  own: PipCannot,
  other: { path: string; cannot: PipCannot } | null,
): void {
  const did: ForeignDid =
    other === null && own.why.kind === 'no-python-option'
      ? { kind: 'pip-too-old', pipVersion: s.interp.pipVersion, since: own.why.since }
      : { kind: 'no-pip-fits', own, other };
  refuse(s.draft, s.config, 'foreignEnv', what(did), [installPip(env.kind, env.prefix)]);
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
  env: ActiveEnv,
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
