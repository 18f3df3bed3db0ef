import type { PipInvocation } from './argv/types.js';
import type { Action, PromptChoice, SituationId, ValueSource } from './config/types.js';
import type { Facts } from './facts.js';
import type { Level, NextStep, Outcome } from './outcome.js';
import type { Why } from './reason.js';

/** Why the plan is what it is: one entry per situation that applied. */
export interface Reason {
  situation: SituationId | 'passthrough' | 'rule';
  action: Action | 'pass';
  /** What was found and done, as a value (src/core/reason.ts). */
  why: Why;
  /**
   * The sentence, without the `pipwarden:` prefix: `reasonText(why)`, as
   * src/core/render/reasons.ts wrote it when the plan was assembled.
   */
  message: string;
  /** Where the action came from (config file, or default). */
  source: ValueSource | null;
}

/** A reason while the draft is built: the words are written when the plan is assembled. */
export type DraftReason = Omit<Reason, 'message'>;

export interface EnvChange {
  set: Record<string, string>;
  unset: string[];
}

/** A line for stderr. Refusals and errors always print; notices honour `notices: false`. */
export interface Notice {
  level: Level;
  text: string;
}

interface PlanBase {
  /** What the plan says, as values, in order (src/core/outcome.ts). */
  outcomes: Outcome[];
  /**
   * A refusal's alternatives, each checked against the policy; or, for a
   * plan that runs, the step after it (activate the venv it created).
   */
  nextSteps: NextStep[];
  /**
   * The lines to print on stderr before running (or instead of running),
   * as `renderNotices` (src/core/render/notices.ts) wrote them from the
   * values above: the shim, `run` and `explain` print exactly these.
   */
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
  /**
   * The directory the command runs in; absent: the caller's cwd. Set only
   * for `pixi add`, which runs in the active pixi project (PIXI_PROJECT_ROOT),
   * never in the cwd's tree (docs/security.md).
   */
  dir?: string;
}

export interface RefusePlan extends PlanBase {
  action: 'refuse';
  /** Why, as a value (src/core/reason.ts). */
  refused: Why;
  /** Why, in one sentence (the line after `refused: `): `reasonText(refused)`. */
  refusal: string;
  /** Documented exit code (see docs/exit-codes.md). */
  exitCode: number;
}

export type Plan = PassPlan | RewritePlan | RefusePlan;

/** One answer the prompt offers. */
export interface Offer {
  choice: PromptChoice;
  /** The user site or the venv the answer installs into. */
  path?: string;
  /** In words: `offerText(choice, path)` (src/core/render/offers.ts). */
  label: string;
}

/**
 * A question for the user: a situation whose action is `prompt` applies.
 * Nothing runs; the CLI asks (or takes the remembered answer, or
 * promptDefault) and decides again with the answer as a value.
 */
export interface AskPlan extends PlanBase {
  action: 'ask';
  situation: SituationId;
  offers: Offer[];
  /** The directory an answer is remembered for (the project root). */
  dir: string;
}

/** What decide() returns: a plan, or a question whose answer decides it. */
export type Decision = Plan | AskPlan;
