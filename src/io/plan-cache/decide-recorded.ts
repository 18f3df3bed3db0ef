import type { Env } from '../../core/env.js';
import type { Out } from '../fd-out.js';
import type { Inputs } from './inputs.js';
import { startRecording } from './record-inputs.js';

/** What a decision needs of its context; the door hands `decide` the same shape back. */
export interface DecisionContext {
  env: Env;
  cwd: string;
  /** Worked out of HOME before the decision, so HOME counts as read. */
  home?: string;
  stderr: Out;
}

export interface Recorded<T> {
  value: T;
  /** Every variable, path and prefix the decision read, and what spoilt it. */
  inputs: Inputs;
  /** What the decision printed on stderr, which a cache entry prints again. */
  stderr: string;
}

/**
 * The one door to the plan cache's recording: runs `decide` with a context
 * whose env records its reads and whose stderr keeps a copy, while node:fs,
 * node:child_process and process.env are watched (record-inputs.ts), and
 * puts them all back also when `decide` throws.
 */
export async function decideRecorded<C extends DecisionContext, T>(
  ctx: C,
  decide: (ctx: C) => Promise<T>,
): Promise<Recorded<T>> {
  const recording = startRecording(ctx.env, ctx.cwd);
  let inputs: Inputs | undefined;
  const printed: string[] = [];
  try {
    if (ctx.home !== undefined) void recording.env.HOME;
    const stderr = Object.assign(Object.create(ctx.stderr) as Out, {
      write(chunk: string) {
        printed.push(chunk);
        return ctx.stderr.write(chunk);
      },
    });
    const value = await decide({ ...ctx, env: recording.env, stderr });
    inputs = recording.stop();
    return { value, inputs, stderr: printed.join('') };
  } finally {
    // Also when deciding fails (a broken org config): node:fs and process.env come back.
    if (inputs === undefined) recording.stop();
  }
}
