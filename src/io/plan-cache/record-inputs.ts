import { syncBuiltinESMExports } from 'node:module';
import type { Env } from '../../core/env.js';
import type { Inputs } from './inputs.js';
import { recordEnv } from './record-env.js';
import { recordFs } from './record-fs.js';
import { recordSpawns } from './record-spawn.js';

export type { Inputs } from './inputs.js';

export interface Recording {
  /** The env to decide with: reads through it are recorded. */
  env: Env;
  /** Ends recording, puts node:fs, node:child_process and process.env back, and returns what was read. */
  stop(): Inputs;
}

/**
 * Starts recording: node:fs (record-fs.ts), node:child_process
 * (record-spawn.ts) and the env (record-env.ts). `cwd` resolves relative
 * paths. Only one recording runs at a time; decide-recorded.ts is the door.
 */
export function startRecording(env: Env, cwd: string): Recording {
  const inputs: Inputs = { vars: new Map(), prefixes: new Map(), paths: new Map(), spoilt: [] };
  const restore: (() => void)[] = [];
  const spoil = (why: string) => {
    if (!inputs.spoilt.includes(why)) inputs.spoilt.push(why);
  };
  recordFs(inputs, cwd, spoil, restore);
  recordSpawns(spoil, restore);
  syncBuiltinESMExports();
  const recorded = recordEnv(env, inputs, spoil, restore);
  return {
    env: recorded,
    stop() {
      for (const undo of restore.reverse()) undo();
      syncBuiltinESMExports();
      return inputs;
    },
  };
}
