import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../helpers/cli.js';

/** Root can make private mount namespaces here; others skip the system-wide tests. */
export const canStage =
  process.getuid?.() === 0 &&
  spawnSync('unshare', ['-m', '--propagation', 'private', 'true']).status === 0;

/** What a system-wide install may touch; each gets an overlay in the namespace. */
const OVERLAID = { etc: '/etc', usrlocal: '/usr/local', varlog: '/var/log' };

/**
 * A staging root for a system-wide install. `run` executes argv in a
 * private mount namespace (util-linux unshare, propagation private, so no
 * mount leaks out) where /etc, /usr/local and /var/log are overlays: reads
 * see the machine's files, every write lands in `<stage>/<name>/upper`. The
 * installed files sit where they will on a real machine, and the real ones
 * never change. /root is an empty tmpfs there, because sudo resets HOME to
 * /root and pipwarden writes its cache and audit log under HOME.
 * The upper dirs persist, so one namespace after another sees the same
 * installed machine. `overlaid` names other dirs to stage (a .deb writes
 * to /usr and dpkg's database in /var).
 */
export function makeStage(root: string, overlaid: Record<string, string> = OVERLAID) {
  const mounts: string[] = ['set -e'];
  for (const [name, target] of Object.entries(overlaid)) {
    const upper = join(root, name, 'upper');
    const work = join(root, name, 'work');
    mkdirSync(upper, { recursive: true });
    mkdirSync(work, { recursive: true });
    mounts.push(
      `mount -t overlay pipwarden-stage -o lowerdir=${target},upperdir=${upper},workdir=${work} ${target}`,
    );
  }
  mounts.push('mount -t tmpfs pipwarden-stage-root /root', 'exec "$@"');
  const script = join(root, 'enter.sh');
  writeFileSync(script, `${mounts.join('\n')}\n`);
  /** The argv prefix that runs a command in a new namespace over this stage. */
  const enter = ['unshare', '-m', '--propagation', 'private', 'sh', script];
  return {
    root,
    enter,
    run(argv: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): RunResult {
      const r = spawnSync('unshare', [...enter.slice(1), ...argv], {
        env: opts.env ?? { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
        cwd: opts.cwd ?? '/',
        encoding: 'utf8',
        timeout: 120_000,
      });
      if (r.error) throw r.error;
      return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
    },
  };
}

/**
 * Every path under /etc and /usr/local with its type, mode and size, and a
 * checksum of each file under /etc (small; a restored rc file has a new
 * mtime but the same bytes). Run inside a stage, or outside for the real machine.
 */
export const SNAPSHOT = [
  'sh',
  '-c',
  "find /etc /usr/local -xdev -printf '%y %m %s %p\\n' | sort; find /etc -xdev -type f -exec md5sum {} + | sort; ls -d /var/log/pipwarden 2>/dev/null || :",
];

export function snapshot(): string {
  const r = spawnSync(SNAPSHOT[0] as string, SNAPSHOT.slice(1), { encoding: 'utf8' });
  return r.stdout;
}
