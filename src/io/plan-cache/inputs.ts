import type { Observed } from './observe-path.js';

/**
 * Everything one decision read, so a plan cache entry can check each input
 * again before it is replayed (plan-cache/). Kept by wrapping node:fs,
 * node:child_process and the environment for the length of the decision,
 * rather than by asking each reader to report: cosmiconfig, chalk and any
 * reader added later are seen too, so no input can be left out by hand.
 * Callers go through decide-recorded.ts, which always stops the recording.
 */
export interface Inputs {
  /** Variables read, each with the value it had (undefined: unset). */
  vars: Map<string, string | undefined>;
  /** Prefixes whose every variable was listed (pip reads any PIP_<option>). */
  prefixes: Map<string, string[]>;
  /** Absolute paths looked at, read or listed, each as it was before the first look. */
  paths: Map<string, Observed>;
  /** Why the decision cannot be replayed from sh: it wrote, spawned, or listed the whole environment. */
  spoilt: string[];
}
