import { refuse, ruleFor } from '../draft.js';
import { makeVenv } from '../hints.js';
import { samePrefix } from '../same-path.js';
import { useVenv } from '../venv-target.js';
import type { Situation } from './situation.js';

/** 3. Installing outside any env: the org "venv only" rule lives here. */
export function noEnv(s: Situation): boolean {
  const { interp, facts, config, draft } = s;
  const inEnv =
    interp.envKind === 'venv' ||
    interp.envKind === 'pixi' ||
    (interp.envKind === 'conda' && !(isCondaBase(s) && !config.config.condaBase));
  if (inEnv) return false;
  const rule = ruleFor(config, 'noEnv');
  if (rule.action === 'pip') return false;
  const what = { kind: 'no-env', tool: facts.tool.path, prefix: interp.prefix } as const;
  if (rule.action === 'refuse') {
    refuse(draft, config, 'noEnv', { kind: 'found', found: what, did: { kind: 'refused' } }, [
      makeVenv(facts),
    ]);
    return true;
  }
  return useVenv(s, 'noEnv', what);
}

function isCondaBase(s: Situation): boolean {
  const env = s.facts.activeEnv;
  return env?.isCondaBase === true && samePrefix(env, s.interp);
}
