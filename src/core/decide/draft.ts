import type {
  Action,
  ResolvedConfig,
  SituationId,
  SituationRule,
  ValueSource,
} from '../config/types.js';
import { SITUATIONS } from '../config/types.js';
import type { Level, NextStep, Outcome, PixiMiss } from '../outcome.js';
import type { DraftReason } from '../plan.js';
import type { UserOff, Why } from '../reason.js';

/** How pip will be started once the decision is made. */
export type Runner =
  /** The real executable the user's command resolved to, with its prefix (`-m pip`). */
  | { kind: 'original' }
  /** Another pip script (an env's own pip). */
  | { kind: 'pip-script'; path: string }
  /** `<python> -m pip`, keeping the user's interpreter flags. */
  | { kind: 'python'; python: string }
  /**
   * Not pip: `pixi add --manifest-path <manifest> --pypi <specs>`, run in the
   * pixi project's root (onPixiEnv: pixi-add). The specs are the user's own
   * arguments, byte for byte.
   */
  | { kind: 'pixi'; exe: string; root: string; manifest: string; specs: string[] };

/** What the pixi situation found, for its short notices (short-outcomes.ts). */
export interface PixiSaid {
  prefix: string;
  subcommand: 'install' | 'uninstall';
  /** Why `onPixiEnv: pixi-add` ran pip after all; null when it did not apply or ran pixi. */
  miss: PixiMiss | null;
  /** The call's requirements when `pixi add --pypi` takes them as they are. */
  specs: string[] | null;
}

/**
 * An outcome while the draft is built: an applied situation points at its
 * reason itself (reasons are still added, and a rule's goes first), and
 * becomes an index into the plan's reasons when the plan is assembled.
 */
export type DraftOutcome =
  | Exclude<Outcome, { kind: 'applied' }>
  | { kind: 'applied'; level: Level; reason: DraftReason };

/** The decision as it is built up, situation by situation. */
export interface Draft {
  runner: Runner;
  removeUser: boolean;
  addUser: boolean;
  /** `--python X` inserted before the subcommand (pip ≥ 22.3). */
  pythonOption: string | null;
  addBreakSystemPackages: boolean;
  /** Set when user mode was turned off for an env: who had turned it on. */
  userOff: UserOff | null;
  envSet: Record<string, string>;
  envUnset: string[];
  before: string[][];
  /** The step after the run (activate the venv `before` creates). */
  after: NextStep[];
  outcomes: DraftOutcome[];
  reasons: DraftReason[];
  refusal: { why: Why; steps: NextStep[] } | null;
  /** Set when pip installs into a pixi env (situations/pixi-env.ts). */
  pixi: PixiSaid | null;
}

export function newDraft(): Draft {
  return {
    runner: { kind: 'original' },
    removeUser: false,
    addUser: false,
    pythonOption: null,
    addBreakSystemPackages: false,
    userOff: null,
    envSet: {},
    envUnset: [],
    before: [],
    after: [],
    outcomes: [],
    reasons: [],
    refusal: null,
    pixi: null,
  };
}

export function ruleFor(config: ResolvedConfig, id: SituationId): SituationRule {
  return config.config[SITUATIONS[id].key];
}

/** Record that a situation applied: its reason, our notice and the user's own message. */
export function applied(
  draft: Draft,
  config: ResolvedConfig,
  id: SituationId,
  action: Action,
  why: Why,
  level: Level = 'notice',
): void {
  const key = SITUATIONS[id].key;
  const reason: DraftReason = {
    situation: id,
    action,
    why,
    source: config.sources[key] ?? null,
  };
  draft.reasons.push(reason);
  if (action !== 'refuse') draft.outcomes.push({ kind: 'applied', level, reason });
  const extra = config.config[key].message;
  if (extra)
    draft.outcomes.push({
      kind: 'message',
      level: action === 'refuse' ? 'error' : level,
      text: extra,
    });
}

/** Record a refusal: its reason, the user's own message, and the steps that would help. */
export function refuse(
  draft: Draft,
  config: ResolvedConfig,
  id: SituationId,
  why: Why,
  steps: NextStep[],
): void {
  applied(draft, config, id, 'refuse', why, 'error');
  draft.refusal ??= { why, steps };
}

/** A first-match rule as the draft records it: what it does, where it is, its own words. */
export interface RuleApplied {
  action: DraftReason['action'];
  source: ValueSource | null;
  message: string | null;
}

/**
 * Record that a rule applied: its reason goes first (a rule decides before
 * any situation it sends the call to), and its own message after what the
 * situation said. A refusing rule's message prints before the refusal.
 */
export function ruleApplied(draft: Draft, rule: RuleApplied, why: Why): void {
  draft.reasons.unshift({ situation: 'rule', action: rule.action, why, source: rule.source });
  if (rule.message && rule.action !== 'refuse')
    draft.outcomes.push({ kind: 'message', level: 'notice', text: rule.message });
}

/** A refusing rule: its reason, its own message, and the steps that would help. */
export function ruleRefuses(draft: Draft, rule: RuleApplied, why: Why, steps: NextStep[]): void {
  ruleApplied(draft, rule, why);
  if (rule.message) draft.outcomes.push({ kind: 'message', level: 'error', text: rule.message });
  draft.refusal = { why, steps };
}
