import { closeSync, openSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ReadStream, WriteStream } from 'node:tty';

/**
 * Whether a question may be asked: never in CI, with PIP_NO_INPUT (pip's own
 * "never prompt"), or when stdin is not a terminal (a pipe, a script), even
 * if a controlling terminal exists.
 */
export function canAsk(env: NodeJS.ProcessEnv, stdinIsTTY: boolean): boolean {
  const noInput = env.PIP_NO_INPUT;
  if (noInput !== undefined && !/^(0|false|no|off)$/i.test(noInput)) return false;
  if (env.CI) return false;
  return stdinIsTTY;
}

/**
 * Ask one question on /dev/tty: the shims run the engine inside `$( )`, so
 * stdout is a pipe and only the terminal itself reaches the user. node:readline
 * is enough for a numbered menu, and loads nothing on the shim's hot path.
 * Returns null when the terminal cannot be opened or closes (Ctrl-D).
 */
export async function askOnTty(header: string, question: string): Promise<string | null> {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return null;
  }
  const input = new ReadStream(fd);
  const output = new WriteStream(fd);
  // readline redraws only its prompt line: the menu above it goes out first.
  if (header) output.write(header);
  const rl = createInterface({ input, output, terminal: true });
  try {
    return await new Promise<string | null>((resolve) => {
      rl.on('close', () => resolve(null));
      rl.question(question).then(resolve, () => resolve(null));
    });
  } finally {
    rl.close();
    input.destroy();
    try {
      closeSync(fd);
    } catch {
      // already closed with the stream
    }
  }
}
