import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from './cli.js';

/** Root can make mount namespaces here (unshare -m); others skip these tests. */
export const canUnshare =
  process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;

/**
 * Runs argv in a private mount namespace where each of `dirs` (default /etc)
 * is an overlay: reads see the machine's files, writes land in
 * `<stage>/<dir>/upper`, never in the real dir. util-linux unshare makes the
 * new namespace's mounts private, so nothing propagates back.
 */
export function inPrivateEtc(
  stage: string,
  argv: string[],
  opts: { env: Record<string, string>; cwd?: string; input?: string; dirs?: string[] },
): RunResult {
  const mounts = (opts.dirs ?? ['/etc']).map((dir) => {
    const base = join(stage, dir.replace(/\//g, '_'));
    mkdirSync(join(base, 'upper'), { recursive: true });
    mkdirSync(join(base, 'work'), { recursive: true });
    return `mount -t overlay pipwarden-test -o lowerdir=${dir},upperdir=${base}/upper,workdir=${base}/work ${dir}`;
  });
  const script = `${mounts.join(' && ')} && exec "$@"`;
  const r = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', ...argv], {
    env: opts.env,
    cwd: opts.cwd,
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr } as RunResult;
}

/** Where inPrivateEtc put the files written under `dir`. */
export function staged(stage: string, dir: string, path = ''): string {
  return join(stage, dir.replace(/\//g, '_'), 'upper', path);
}
