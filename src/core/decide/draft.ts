import type { Action, ResolvedConfig, SituationId, SituationRule } from '../config/types.js';
import { SITUATIONS } from '../config/types.js';
import type { Notice, Reason } from '../plan.js';

/** How pip will be started once the decision is made. */
export type Runner =
  /** The real executable the user's command resolved to, with its prefix (`-m pip`). */
  | { kind: 'original' }
  /** Another pip script (an env's own pip). */
  | { kind: 'pip-script'; path: string }
  /** `<python> -m pip`, keeping the user's interpreter flags. */
  | { kind: 'python'; python: string };

/** The decision as it is built up, situation by situation. */
export interface Draft {
  runner: Runner;
  removeUser: boolean;
  addUser: boolean;
  /** `--python X` inserted before the subcommand (pip ≥ 22.3). */
  pythonOption: string | null;
  addBreakSystemPackages: boolean;
  /** Set when user mode was turned off for an env: the clause the notice carries. */
  userOff: string | null;
  envSet: Record<string, string>;
  envUnset: string[];
  before: string[][];
  notices: Notice[];
  reasons: Reason[];
  refusal: { message: string; hint: string } | null;
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
    notices: [],
    reasons: [],
    refusal: null,
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
  message: string,
  level: Notice['level'] = 'notice',
): void {
  const key = SITUATIONS[id].key;
  draft.reasons.push({ situation: id, action, message, source: config.sources[key] ?? null });
  if (action !== 'refuse') draft.notices.push({ level, text: message });
  const extra = config.config[key].message;
  if (extra) draft.notices.push({ level: action === 'refuse' ? 'error' : level, text: extra });
}

export function refuse(
  draft: Draft,
  config: ResolvedConfig,
  id: SituationId,
  message: string,
  hint: string,
): void {
  applied(draft, config, id, 'refuse', message, 'error');
  draft.refusal ??= { message, hint };
}
