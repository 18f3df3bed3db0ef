import type { Env } from '../core/env.js';
import { EXIT_CODES, PipwardenError } from '../core/errors.js';
import type { Out } from '../io/fd-out.js';

/**
 * The single place errors become output: one line naming what was wrong, one
 * with the next step, and a documented exit code. A stack trace only with
 * PIPWARDEN_DEBUG=1, and only for errors that are not ours.
 */
export function reportError(error: unknown, stderr: Out, env: Env): number {
  if (error instanceof PipwardenError) {
    const prefix = error.kind === 'refused' ? 'pipwarden: refused:' : 'pipwarden: error:';
    stderr.write(`${prefix} ${error.message}\n`);
    if (error.hint) stderr.write(`pipwarden: next: ${error.hint}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`pipwarden: internal error: ${firstLine(message)}\n`);
  stderr.write(
    'pipwarden: next: rerun with PIPWARDEN_DEBUG=1 for details, or PIPWARDEN_DISABLE=1 to bypass pipwarden\n',
  );
  if (env.PIPWARDEN_DEBUG === '1' && error instanceof Error && error.stack) {
    stderr.write(`${error.stack}\n`);
  }
  return EXIT_CODES.internal;
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i === -1 ? s : s.slice(0, i);
}
