import { applied, refuse, ruleFor } from '../draft.js';
import { installPip } from '../hints.js';
import { neutraliseUser } from '../neutralise-user.js';
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
    applied(
      draft,
      config,
      'foreignEnv',
      'pip',
      `${env.kind} env ${env.prefix} is active, but pip requires a virtualenv (${required}) and would refuse it, so pip runs as typed`,
      'warning',
    );
    return false;
  }
  const what = `${env.kind} env ${env.prefix} is active (${env.source}) but ${facts.tool.path} belongs to ${interp.prefix}`;
  if (rule.action === 'refuse') {
    refuse(draft, config, 'foreignEnv', what, [installPip(env.kind, env.prefix)]);
    return true;
  }
  if (env.pip !== null) {
    draft.runner =
      s.facts.tool.kind === 'python'
        ? { kind: 'python', python: env.python }
        : { kind: 'pip-script', path: env.pip };
    // The env's pip would refuse --user in a venv ("User site-packages are
    // not visible in this virtualenv"), a call pip alone would complete.
    const user = neutraliseUser(s);
    applied(draft, config, 'foreignEnv', 'env', `${what}; using the env's own pip${user}`);
    return true;
  }
  const target = env.pythonVersion ?? null;
  const own = { version: interp.pipVersion, requiresPython: interp.pipRequiresPython ?? null };
  const ownProblem = cannotTarget(own, target);
  if (ownProblem === null) {
    draft.pythonOption = env.python;
    const user = neutraliseUser(s);
    applied(
      draft,
      config,
      'foreignEnv',
      'env',
      `${what}; the env has no pip, so running pip ${interp.pipVersion} --python ${env.python}${user}`,
    );
    return true;
  }
  // pip --python runs pip's own code under the env's python: a pip that
  // cannot run there crashes or refuses (pip-fits.ts), so another one that can.
  const other = facts.fallbackPip ?? null;
  const otherProblem = other === null ? 'no other pip is on PATH' : cannotTarget(other, target);
  if (other !== null && otherProblem === null) {
    draft.runner = { kind: 'pip-script', path: other.path };
    draft.pythonOption = env.python;
    const user = neutraliseUser(s);
    applied(
      draft,
      config,
      'foreignEnv',
      'env',
      `${what}; the env has no pip, and ${ownProblem}, so running pip ${other.version} (${other.path}) --python ${env.python}${user}`,
    );
    return true;
  }
  refuse(
    draft,
    config,
    'foreignEnv',
    `${what}; the env has no pip, and ${ownProblem}${other === null ? `, and ${otherProblem}` : `, nor can ${otherProblem} (${other.path})`}`,
    [installPip(env.kind, env.prefix)],
  );
  return true;
}
