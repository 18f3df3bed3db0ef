import type { ChalkInstance } from 'chalk';
import type { Out } from '../io/fd-out.js';

/**
 * A chalk for one stream: NO_COLOR (no-color.org) wins, then FORCE_COLOR,
 * then whether the stream is a terminal. chalk's own detection reads
 * FORCE_COLOR but not NO_COLOR, and looks at process.env rather than the
 * command's env, so the level is worked out here.
 */
export async function chalkFor(stream: Out, env: NodeJS.ProcessEnv): Promise<ChalkInstance> {
  const { Chalk, supportsColor } = await import('chalk');
  return new Chalk({ level: colourLevel(stream, env, supportsColor ? supportsColor.level : 0) });
}

export function colourLevel(
  stream: Out,
  env: NodeJS.ProcessEnv,
  ttyLevel: 0 | 1 | 2 | 3,
): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    const n = Number.parseInt(force, 10);
    return n >= 1 && n <= 3 ? (n as 1 | 2 | 3) : 1;
  }
  const tty = stream.isTTY === true;
  return tty ? ttyLevel || 1 : 0;
}
