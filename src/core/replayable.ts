import { isSilentPass } from './audit-record.js';
import type { ResolvedConfig } from './config/types.js';
import type { Plan } from './plan.js';

/**
 * Null when a shim may replay this plan from its plan cache entry, else why
 * not. The inputs are checked by the entry itself (render/plan-cache-entry.ts);
 * these are plans that do more than the shim's eval would repeat.
 */
export function replayable(
  plan: Plan,
  config: ResolvedConfig,
  prompts: boolean,
  main: string,
): string | null {
  if (prompts) return 'a rule may prompt, and the answer is not an input sh can check';
  // A config file that is code runs at each decision and may import files
  // that Node's loader reads without node:fs: inputs nobody recorded.
  const code = config.layers.find((l) => /\.[cm]?[jt]s$/.test(l.file));
  if (code !== undefined) return `${code.file} is code, whose imports sh cannot check`;
  if (plan.action === 'rewrite' && plan.before.length > 0) {
    return 'the plan makes something before pip runs, so the next call decides afresh';
  }
  // pixi add edits the project's manifest and lock, and runs in the project:
  // a call whose plan runs it is decided afresh, never replayed.
  if (plan.action === 'rewrite' && plan.dir !== undefined) {
    return `the plan runs ${plan.command[0]} in ${plan.dir}, which each call decides afresh`;
  }
  // The user's own log takes a replay's record through `<log>.pending/`
  // (io/audit/pending.ts); syslog and the org's file are written at once.
  const { audit } = config.config;
  if (!isSilentPass(plan)) {
    if (audit.syslog) return 'the decision goes to syslog, which sh cannot reach without a program';
    if (audit.file !== null) return `the decision goes to the org's audit file ${audit.file}`;
  }
  // The bundle is rebuilt into a fresh dir with content-named chunks, so its
  // entry's and dir's mtimes see an upgrade; dist/cli's modules change in place.
  if (!main.endsWith('/dist/bundle/main.js')) return `the engine runs from ${main}, not the bundle`;
  return null;
}
