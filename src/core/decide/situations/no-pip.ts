import { applied, refuse, ruleFor } from '../draft.js';
import { installPip } from '../hints.js';
import { keepUser } from '../neutralise-user.js';
import { atLeast, PIP_PYTHON_OPTION } from '../pip-versions.js';
import type { Situation } from './situation.js';

/**
 * `python -m pip install` under an interpreter that has no pip (a conda or
 * pixi env without pip, a venv made --without-pip): python would only say
 * "No module named pip". Routed as `pip install` is in a pip-less env (the
 * foreignEnv rule): another pip ≥ 22.3 runs as `pip --python <interpreter>`;
 * without one, refuse with the step that gives the env a pip. The target
 * stays this interpreter, so user mode and every other edit stay as decided.
 */
export function noPip(s: Situation): boolean {
  const { facts, interp, config, draft } = s;
  if (interp.pipVersion !== null || facts.tool.kind !== 'python') return false;
  if (draft.refusal || draft.runner.kind !== 'original' || draft.pythonOption !== null)
    return false;
  const rule = ruleFor(config, 'foreignEnv');
  if (rule.action === 'pip') return false;
  const where =
    interp.envKind === 'system' ? interp.prefix : `${interp.envKind} env ${interp.prefix}`;
  const what = `${interp.executable} has no pip (${where})`;
  const hint = [installPip(interp.envKind, interp.prefix, interp.executable)];
  const other = facts.fallbackPip ?? null;
  if (rule.action === 'refuse') {
    refuse(draft, config, 'foreignEnv', what, hint);
    return true;
  }
  if (other === null || !atLeast(other.version, PIP_PYTHON_OPTION)) {
    const why =
      other === null
        ? 'no other pip is on PATH'
        : `pip ${other.version} (${other.path}) is older than ${PIP_PYTHON_OPTION}, so it cannot target another interpreter`;
    refuse(draft, config, 'foreignEnv', `${what}, and ${why}`, hint);
    return true;
  }
  draft.runner = { kind: 'pip-script', path: other.path };
  draft.pythonOption = interp.executable;
  // User mode still on here was left on by the user's config (a situation
  // above turns it off where it would leave the env): say where it goes.
  const kept = draft.userOff === null ? keepUser(s) : '';
  applied(
    draft,
    config,
    'foreignEnv',
    'env',
    `${what}; running pip ${other.version} (${other.path}) --python ${interp.executable}${kept}`,
  );
  return true;
}
