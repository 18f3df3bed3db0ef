import type { PipInvocation } from '../../argv/types.js';
import type { ResolvedConfig } from '../../config/types.js';
import type { Facts, InterpreterFacts } from '../../facts.js';
import { type Draft, newDraft } from '../draft.js';
import { type UserMode, userMode } from '../user-mode.js';

/** What every situation reads, and the draft it writes to. */
export interface Situation {
  inv: PipInvocation;
  facts: Facts;
  interp: InterpreterFacts;
  config: ResolvedConfig;
  draft: Draft;
  user: UserMode;
  /** `install` or `uninstall`. */
  subcommand: string;
}

/** A fresh situation for an install or uninstall, with an empty draft. */
export function newSituation(
  inv: PipInvocation,
  facts: Facts,
  interp: InterpreterFacts,
  config: ResolvedConfig,
  user: UserMode = userMode(inv, facts),
): Situation {
  return { inv, facts, interp, config, draft: newDraft(), user, subcommand: inv.subcommand ?? '' };
}
