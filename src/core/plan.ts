import type { PipInvocation } from './argv/types.js';
import type { Action, SituationId, ValueSource } from './config/types.js';
import type { Facts } from './facts.js';

/** Why the plan is what it is: one entry per situation that applied. */
export interface Reason {
  situation: SituationId | 'passthrough' | 'rule';
  action: Action | 'pass';
  /** Human sentence, without the `pipwarden:` prefix. */
  message: string;
  /** Where the action came from (config file, or default). */
  source: ValueSource | null;
}

export interface EnvChange {
  set: Record<string, string>;
  unset: string[];
}

/** A line for stderr. Refusals and errors always print; notices honour `notices: false`. */
export interface Notice {
  level: 'notice' | 'warning' | 'error';
  text: string;
}

interface PlanBase {
  /** Lines to print on stderr before running (or instead of running). */
  notices: Notice[];
  reasons: Reason[];
  /** pip's parsed argv; null when the call is not a pip call (`python -c …`). */
  invocation: PipInvocation | null;
  facts: Facts;
}

export interface PassPlan extends PlanBase {
  action: 'pass';
  /** argv to exec; command[0] is the absolute path of the real executable. */
  command: string[];
  env: EnvChange;
}

export interface RewritePlan extends PlanBase {
  action: 'rewrite';
  command: string[];
  env: EnvChange;
  /** Commands to run first, each must succeed (e.g. create the venv). */
  before: string[][];
}

export interface RefusePlan extends PlanBase {
  action: 'refuse';
  /** Documented exit code (see docs/exit-codes.md). */
  exitCode: number;
}

export type Plan = PassPlan | RewritePlan | RefusePlan;
