import type { ChalkInstance } from 'chalk';
import type { Notice } from '../core/plan.js';
import { formatNotice, type Paint } from '../core/render/notice-line.js';
import { isTerminal, type Out } from '../io/fd-out.js';

/**
 * pipwarden's lines on stderr, never stdout: tools parse `pip list` and
 * `pip freeze`. Colour only when stderr is a terminal (chalk checks). chalk
 * loads only when there is something to print: most shim calls print
 * nothing, and its import is a measurable share of the engine's start-up.
 */
export async function printNotices(notices: Notice[], stderr: Out): Promise<void> {
  if (notices.length === 0) return;
  const c = await noticePaint();
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

export async function printWarnings(warnings: string[], stderr: Out): Promise<void> {
  if (warnings.length === 0) return;
  const c = await noticePaint();
  for (const w of warnings) stderr.write(`${c.bold('pipwarden:')} ${c.yellow('warning:')} ${w}\n`);
}

const PLAIN: Paint = { bold: (t) => t, yellow: (t) => t, red: (t) => t };

/**
 * chalk, or plain text where chalk would surely colour nothing, without
 * loading it (chalk loads node:tty, and with it net and streams: a share of
 * a shim's miss, bench/LEVERS.md). chalk's default instance colours by
 * stdout, after FORCE_COLOR, `--color…` flags before `--`, and Azure's
 * TF_BUILD with AGENT_NAME (chalk/source/vendor/supports-color); when none
 * of those is there and stdout is not a terminal (a shim's stdout is the
 * plan it reads), its level is 0 and every style is the identity.
 */
async function noticePaint(): Promise<Paint> {
  const env = process.env;
  const end = process.argv.indexOf('--');
  const flags = end === -1 ? process.argv : process.argv.slice(0, end);
  const plain =
    !('FORCE_COLOR' in env) &&
    !('TF_BUILD' in env && 'AGENT_NAME' in env) &&
    !flags.some((a) => a.startsWith('--color') || a.startsWith('--no-color')) &&
    !isTerminal(1);
  return plain ? PLAIN : await loadChalk();
}

export async function loadChalk(): Promise<ChalkInstance> {
  return (await import('chalk')).default;
}
