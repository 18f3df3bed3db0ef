import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipwarden } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { tempDir } from '../helpers/tmp.js';
import { buildWheel } from '../helpers/wheel.js';
import { type BoundedResult, runBounded } from '../shell/support/bounded.js';

/**
 * What the hostile tests need: root (to become nobody, to plant devices) and
 * Debian's externally managed python3 with its pip. Under CI=true a missing
 * one fails the run; locally the tests skip and say why.
 */
export const CAN_RUN =
  process.getuid?.() === 0 && existsSync('/usr/bin/python3') && existsSync('/usr/bin/pip');
if (!CAN_RUN) {
  const why = "the hostile tests need root and Debian's /usr/bin/python3 with /usr/bin/pip";
  if (process.env.CI === 'true') throw new Error(why);
  process.stderr.write(`skipped: ${why}\n`);
}

/** The caps every hostile run lives under: a hang or a runaway read shows as a count, not a stuck CI. */
export const TIME_CAP_MS = 60_000;
// 4 GiB of address space: node reserves much of it up front (under 1 GiB, V8 aborts on
// ordinary work), and the runaway reads this catches grew to 16 GB.
export const MEMORY_CAP_KB = 4 * 1024 * 1024;

const NOBODY = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];

export interface HostileWorld {
  root: string;
  home: string;
  shims: string;
  wheels: string;
  /** World-writable: every executable a tree plants writes a file here when it runs. */
  marks: string;
  asNobody: boolean;
  env: (extra?: Record<string, string | undefined>) => Record<string, string>;
  /** `pip <args>` through the shims, as this world's user, in `cwd`, under the time and memory caps. */
  pip: (cwd: string, args: string[], extra?: Record<string, string>) => Promise<BoundedResult>;
  /** `pipwarden <args>` as this world's user. */
  cli: (cwd: string, args: string[]) => ReturnType<typeof pipwarden>;
  /** Give a path (recursively) to this world's user. */
  own: (path: string) => void;
  /** `pip <args>` run from the tree `dir`, or from `dir/$(cat dir/.cwd)` (names sh reads as bytes). */
  pipIn: (dir: string, args: string[], extra?: Record<string, string>) => Promise<BoundedResult>;
  /** Marker files written so far. */
  ran: () => string[];
}

/**
 * A hermetic world whose real pip is Debian's (`/usr/bin/pip`, externally
 * managed: "no env" in the sense of issue 16), with pipwarden's shims first
 * on PATH, written by `rehash` as the world's user (root or nobody).
 */
export function hostileWorld(asNobody: boolean): HostileWorld {
  const root = tempDir('pipwarden-hostile-');
  chmodSync(root, 0o755);
  const home = join(root, 'home');
  const shims = join(root, 'shims');
  const wheels = join(root, 'wheels');
  const marks = join(root, 'marks');
  for (const d of [home, shims, wheels, marks]) mkdirSync(d, { recursive: true });
  chmodSync(marks, 0o1777);
  chmodSync(wheels, 0o755);
  buildWheel(wheels, 'pwdemo', '0.1');
  const own = (path: string) => {
    if (asNobody) execFileSync('chown', ['-R', 'nobody:nogroup', path]);
  };
  own(home);
  own(shims);
  const env = (extra: Record<string, string | undefined> = {}) =>
    hermeticEnv(home, {
      PATH: `${shims}:/usr/bin:/bin`,
      PIPWARDEN_SHIM_DIR: shims,
      PIPWARDEN_CACHE_DIR: join(home, '.cache', 'pipwarden'),
      PIPWARDEN_ORG_CONFIG_DIR: join(root, 'etc-pipwarden'),
      HOSTILE_MARKS: marks,
      ...extra,
    });
  const cli = (cwd: string, args: string[]) =>
    pipwarden(args, { env: env({ PATH: '/usr/bin:/bin' }), cwd, asNobody });
  const r = cli('/', ['rehash']);
  if (r.status !== 0) throw new Error(`rehash failed: ${r.stderr}`);
  return {
    root,
    home,
    shims,
    wheels,
    marks,
    asNobody,
    env,
    own,
    cli,
    pip: (cwd, args, extra = {}) =>
      runBounded(
        [
          ...(asNobody ? NOBODY : []),
          'sh',
          '-c',
          `ulimit -v ${MEMORY_CAP_KB}; exec "$@"`,
          'sh',
          'pip',
          ...args,
        ],
        { env: env(extra), cwd, timeoutMs: TIME_CAP_MS },
      ),
    pipIn: (dir, args, extra = {}) =>
      runBounded(
        [
          ...(asNobody ? NOBODY : []),
          'sh',
          '-c',
          `ulimit -v ${MEMORY_CAP_KB}; cd "$1" || exit 99; if [ -f .cwd ]; then c=$(cat .cwd); cd "./$c" || exit 98; fi; shift; exec "$@"`,
          'sh',
          dir,
          'pip',
          ...args,
        ],
        { env: env(extra), cwd: '/', timeoutMs: TIME_CAP_MS },
      ),
    ran: () => readdirSync(marks),
  };
}

/** pipwarden's own messages in some output: a `pipwarden: next:` line belongs to the message above it. */
export function pipwardenLines(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('pipwarden') && !l.startsWith('pipwarden: next:'));
}
