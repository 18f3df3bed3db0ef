import type { PipInvocation } from '../argv/types.js';
import type { Call } from '../call.js';
import type { ResolvedConfig } from '../config/types.js';
import type { Facts } from '../facts.js';
import type { ImportOverride } from '../import-override.js';
import type { Plan } from '../plan.js';
import { assemblePlan } from './assemble.js';
import { newDraft } from './draft.js';

type PipCall = Extract<Call, { kind: 'pip' }>;

/**
 * Why python may run another pip, or install under another prefix, than
 * the interpreter the engine probed (with -E, from /): `-S` (no site, so a
 * venv's python keeps its base sys.prefix and pip comes from PYTHONPATH or
 * the cwd), and what gatherFacts found on the way to pip (PYTHONPATH,
 * PYTHONHOME, a `pip/` in the cwd or a PYTHONUSERBASE). Null: nothing.
 */
export function unseenPip(
  call: PipCall,
  facts: Facts,
): { noSite: boolean; overrides: ImportOverride[] } | null {
  const noSite = call.pythonFlags.noSite === true;
  const overrides = facts.importOverrides ?? [];
  return noSite || overrides.length > 0 ? { noSite, overrides } : null;
}

/**
 * Under an org lock, a pip the engine did not see is
 * refused, since the policy could not be checked against it. Without a
 * lock, `python -S -m pip` passes as typed, as it always has (python says
 * "No module named pip" unless PYTHONPATH supplies one), and everything else
 * is decided as usual. Null: decide as usual.
 */
export function refuseUnseenPip(
  call: PipCall,
  inv: PipInvocation,
  facts: Facts,
  config: ResolvedConfig,
): Plan | null {
  const unseen = unseenPip(call, facts);
  if (unseen === null) return null;
  const lock = Object.values(config.locks)[0];
  if (lock === undefined) return null;
  const draft = newDraft();
  const why = { kind: 'unseen-pip', ...unseen, lock } as const;
  draft.reasons.push({
    situation: 'rule',
    action: 'refuse',
    why,
    source: { level: 'org', file: lock },
  });
  draft.refusal = {
    why,
    steps: [{ kind: 'import-probed-pip', dropNoSite: call.pythonFlags.noSite === true }],
  };
  return assemblePlan(call, inv, facts, config, draft);
}
