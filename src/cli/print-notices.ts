import type { ChalkInstance } from 'chalk';
import type { Notice } from '../core/plan.js';
import { formatNotice } from '../core/render/notice-line.js';

/**
 * pipwarden's lines on stderr, never stdout: tools parse `pip list` and
 * `pip freeze`. Colour only when stderr is a terminal (chalk checks). chalk
 * loads only when there is something to print: most shim calls print
 * nothing, and its import is a measurable share of the engine's start-up.
 */
export async function printNotices(
  notices: Notice[],
  stderr: NodeJS.WritableStream,
): Promise<void> {
  if (notices.length === 0) return;
  const c = await loadChalk();
  for (const n of notices) stderr.write(`${formatNotice(n, c)}\n`);
}

/**
 * What still prints when the user asked for quiet (`run --quiet`,
 * PIPWARDEN_QUIET=1, or config `notices: false`, applied in decide()):
 * warnings and refusals, never the plain notices.
 */
export function audible(notices: Notice[], quiet: boolean): Notice[] {
  return quiet ? notices.filter((n) => n.level !== 'notice') : notices;
}

/** PIPWARDEN_QUIET=1: the shims' way to ask for `--quiet`. */
export function quietEnv(env: NodeJS.ProcessEnv): boolean {
  return env.PIPWARDEN_QUIET === '1';
}

export async function printWarnings(
  warnings: string[],
  stderr: NodeJS.WritableStream,
): Promise<void> {
  if (warnings.length === 0) return;
  const c = await loadChalk();
  for (const w of warnings) stderr.write(`${c.bold('pipwarden:')} ${c.yellow('warning:')} ${w}\n`);
}

export async function loadChalk(): Promise<ChalkInstance> {
  return (await import('chalk')).default;
}
