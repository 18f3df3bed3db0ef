import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from './cli.js';

/** Root can make mount namespaces here (unshare -m); others skip these tests. */
export const canUnshare =
  process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;

/**
 * Runs argv in a private mount namespace where /etc is an overlay: reads see
 * the machine's /etc, writes land in `<stage>/upper`, never in the real /etc.
 * util-linux unshare makes the new namespace's mounts private, so nothing
 * propagates back. Returns the staged tree's root (`<stage>/upper`).
 */
export function inPrivateEtc(
  stage: string,
  argv: string[],
  opts: { env: Record<string, string>; cwd?: string; input?: string },
): RunResult {
  const upper = join(stage, 'upper');
  const work = join(stage, 'work');
  mkdirSync(upper, { recursive: true });
  mkdirSync(work, { recursive: true });
  const mount = `mount -t overlay pipwarden-test -o lowerdir=/etc,upperdir=${upper},workdir=${work} /etc && exec "$@"`;
  const r = spawnSync('unshare', ['-m', 'sh', '-c', mount, 'sh', ...argv], {
    env: opts.env,
    cwd: opts.cwd,
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr } as RunResult;
}
