import type { ExplicitLocation } from '../../location.js';
import type { NoPipDid, PipCannot, Why } from '../../reason.js';
import { applied, refuse, ruleFor } from '../draft.js';
import { installPip } from '../hints.js';
import { keepUser } from '../neutralise-user.js';
import { cannotTarget } from '../pip-fits.js';
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
  // pip --python runs pip's own code under this interpreter (pip-fits.ts).
  const cannot =
    other === null ? null : cannotTarget(other, `${interp.version[0]}.${interp.version[1]}`);
  if (other === null || cannot !== null) {
    const why: NoPipDid =
      other === null
        ? { kind: 'no-other-pip' }
        : cannot?.why.kind === 'no-python-option'
          ? {
              kind: 'other-too-old',
              version: other.version,
              path: other.path,
              since: cannot.why.since,
            }
          : { kind: 'other-cannot', path: other.path, cannot: cannot as PipCannot };
    refuse(draft, config, 'foreignEnv', what(why), hint);
    return true;
  }
  draft.runner = { kind: 'pip-script', path: other.path };
  draft.pythonOption = interp.executable;
  // User mode still on here was left on by the user's config (a situation
  // above turns it off where it would leave the env): say where it goes.
  const userKept = draft.userOff === null ? keepUser(s) : null;
  const did = { kind: 'other-pip', version: other.version, path: other.path, userKept } as const;
  applied(draft, config, 'foreignEnv', 'env', what(did));
  return true;
}

/**
 * `python -m pip install --target DIR x` (or `--prefix`, `--root`, or the
 * same from pip's config) under an interpreter without pip: python alone
 * says "No module named pip". Another pip that can run there, with
 * `--python <interpreter>`, installs to exactly that location, built for
 * that interpreter; every argument stays as typed. Without one, the call
 * runs as typed and fails as it would alone: nothing here is ours to
 * refuse. True when the runner changed.
 */
export function noPipAtLocation(s: Situation, location: ExplicitLocation): boolean {
  const { facts, interp, config, draft } = s;
  if (interp.pipVersion !== null || facts.tool.kind !== 'python') return false;
  const rule = ruleFor(config, 'foreignEnv');
  if (rule.action === 'pip' || rule.action === 'refuse') return false;
  const other = facts.fallbackPip ?? null;
  if (other === null || cannotTarget(other, `${interp.version[0]}.${interp.version[1]}`) !== null)
    return false;
  draft.runner = { kind: 'pip-script', path: other.path };
  draft.pythonOption = interp.executable;
  draft.location = location;
  const pipless = { executable: interp.executable, envKind: interp.envKind, prefix: interp.prefix };
  const did = {
    kind: 'other-pip-location',
    version: other.version,
    path: other.path,
    location,
  } as const;
  applied(draft, config, 'foreignEnv', 'env', { kind: 'no-pip', pipless, did });
  return true;
}
