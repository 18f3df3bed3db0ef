import { createInterface } from 'node:readline/promises';

/**
 * One yes/no question on the terminal; the default is no. node:readline is
 * enough for a single y/N line (no menu, no cursor movement), so no prompt
 * library is loaded for it.
 */
export async function confirm(
  question: string,
  stdin: NodeJS.ReadStream,
  stdout: NodeJS.WritableStream,
): Promise<boolean> {
  const rl = createInterface({ input: stdin, output: stdout });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
