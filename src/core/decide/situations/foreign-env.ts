import type { ForeignDid, ForeignEnv, Why } from '../../reason.js';
import { applied, refuse, ruleFor } from '../draft.js';
import { installPip } from '../hints.js';
import { neutraliseUser } from '../neutralise-user.js';
import { atLeast, PIP_PYTHON_OPTION } from '../pip-versions.js';
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
    draft.runner =
      s.facts.tool.kind === 'python'
        ? { kind: 'python', python: env.python }
        : { kind: 'pip-script', path: env.pip };
    // The env's pip would refuse --user in a venv ("User site-packages are
    // not visible in this virtualenv"), a call pip alone would complete.
    const userOff = neutraliseUser(s);
    applied(draft, config, 'foreignEnv', 'env', what({ kind: 'own-pip', userOff }));
    return true;
  }
  const pipVersion = interp.pipVersion;
  if (atLeast(pipVersion, PIP_PYTHON_OPTION)) {
    draft.pythonOption = env.python;
    const userOff = neutraliseUser(s);
    const did = { kind: 'python-option', pipVersion, python: env.python, userOff } as const;
    applied(draft, config, 'foreignEnv', 'env', what(did));
    return true;
  }
  refuse(
    draft,
    config,
    'foreignEnv',
    what({ kind: 'pip-too-old', pipVersion, since: PIP_PYTHON_OPTION }),
    [installPip(env.kind, env.prefix)],
  );
  return true;
}
