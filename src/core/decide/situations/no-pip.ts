import type { NoPipDid, Why } from '../../reason.js';
import { applied, refuse, ruleFor } from '../draft.js';
import { installPip } from '../hints.js';
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
  const pipless = {
    executable: interp.executable,
    envKind: interp.envKind,
    prefix: interp.prefix,
  };
  const what = (did: NoPipDid): Why => ({ kind: 'no-pip', pipless, did });
  const hint = [installPip(interp.envKind, interp.prefix, interp.executable)];
  const other = facts.fallbackPip ?? null;
  if (rule.action === 'refuse') {
    refuse(draft, config, 'foreignEnv', what({ kind: 'refused' }), hint);
    return true;
  }
  if (other === null || !atLeast(other.version, PIP_PYTHON_OPTION)) {
    const why: NoPipDid =
      other === null
        ? { kind: 'no-other-pip' }
        : {
            kind: 'other-too-old',
            version: other.version,
            path: other.path,
            since: PIP_PYTHON_OPTION,
          };
    refuse(draft, config, 'foreignEnv', what(why), hint);
    return true;
  }
  draft.runner = { kind: 'pip-script', path: other.path };
  draft.pythonOption = interp.executable;
  const did = { kind: 'other-pip', version: other.version, path: other.path } as const;
  applied(draft, config, 'foreignEnv', 'env', what(did));
  return true;
}
