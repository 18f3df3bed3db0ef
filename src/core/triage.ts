import { commandChangesEnv, parsePipArgv } from './argv/index.js';
import type { PipInvocation } from './argv/types.js';
import type { Call } from './call.js';
import type { Why } from './reason.js';
import { reasonText } from './render/reasons.js';

/** Whether a pip subcommand can change an environment: only those make decide() look at the interpreter. */
export function changesEnv(subcommand: string | null): boolean {
  return subcommand !== null && commandChangesEnv(subcommand);
}

/**
 * The front door, before anything is read (volta checks its bypass first):
 * either the call passes as typed, with the one reason why, or it is a pip
 * call that may change an environment and goes on to facts, config and
 * decide(). Pure: the caller hands in the variables it needs.
 */
export type Triage =
  | {
      kind: 'pass';
      /** The one reason, as a value (src/core/reason.ts). */
      reason: Why;
      /** The same in words: `reasonText(reason)` (src/core/render/reasons.ts). */
      why: string;
      inv: PipInvocation | null;
    }
  | {
      kind: 'decide';
      call: Extract<Call, { kind: 'pip' }>;
      /** Parsed without knowing the pip version (every option known). */
      inv: PipInvocation;
      subcommand: string;
      /** pip's own test for ignoring config: `"--isolated" in cmd_args`, the exact token. */
      isolated: boolean;
    };

export interface TriageInput {
  /** PIPWARDEN_DISABLE as the environment has it. */
  disable: string | undefined;
  /**
   * An org policy that forbids the bypass (org-policy issue): only the org
   * layer is needed to know it, so it can be read before the rest of config.
   */
  disableLocked?: boolean;
}

export function triage(call: Call, input: TriageInput): Triage {
  if (input.disable === '1' && !input.disableLocked) {
    const inv = call.kind === 'pip' ? parsePipArgv(call.pipArgs, null) : null;
    return pass({ kind: 'disabled' }, inv);
  }
  if (call.kind !== 'pip') return pass({ kind: 'not-pip', name: call.name }, null);
  const inv = parsePipArgv(call.pipArgs, null);
  if (inv.subcommand === null || !changesEnv(inv.subcommand)) {
    return pass({ kind: 'no-change', subcommand: inv.subcommand }, inv);
  }
  return {
    kind: 'decide',
    call,
    inv,
    subcommand: inv.subcommand,
    isolated: call.pipArgs.includes('--isolated'),
  };
}

function pass(reason: Why, inv: PipInvocation | null): Triage {
  return { kind: 'pass', reason, why: reasonText(reason), inv };
}
