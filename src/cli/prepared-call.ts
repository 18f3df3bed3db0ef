import type { Call } from '../core/call.js';
import type { ResolvedConfig } from '../core/config/types.js';
import type { Facts } from '../core/facts.js';
import type { Plan } from '../core/plan.js';

/** A call made ready: what it is, the facts, the config, and the Plan decided from them. */
export interface Prepared {
  call: Call;
  facts: Facts;
  config: ResolvedConfig;
  plan: Plan;
  warnings: string[];
}
