import { closeSync, constants, fstatSync, futimesSync, lstatSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { RESOLUTION } from '../../core/render/plan-cache-entry.js';
import { makeOwnDirs } from '../make-dirs.js';

/** How far each stamp sits from the mtime it brackets: Node sets times as doubles (about 240 ns apart now). */
const MARGIN_NS = 2000n;

const SECOND_NS = 1_000_000_000n;

/**
 * How long after the end of an mtime's whole second the engine must have
 * started before that second may stand for the file: any write after the
 * engine's first look then lands in a later second, even with the kernel's
 * coarse file clock or a file server's clock a little behind.
 */
const WHOLE_MARGIN_NS = 2n * SECOND_NS;

/** The subdir of the stamps dir that holds the whole-second pairs. */
export const WHOLE_DIR = 's';

/** Two stamps in one second, half a second apart: a `test` that tells them apart compares finer than seconds. */
const RESOLUTION_S = 1_000_000_000n;

/**
 * When this engine started (an upper bound on when it first looked at any
 * path): the clock now less the process's uptime, a millisecond early to
 * cover Date.now()'s rounding. Not node:perf_hooks' timeOrigin: loading that
 * module costs a miss more than everything else here (bench/LEVERS.md).
 */
export function startedNs(): bigint {
  const nowNs = BigInt(Date.now() - 1) * 1_000_000n;
  return nowNs - BigInt(Math.ceil(process.uptime() * 1e9));
}

/**
 * A pair of empty files whose mtimes bracket `mtimeNs`, so sh can test
 * that a path's mtime is still that one: `[ p -nt lo ] && [ p -ot hi ]`
 * (POSIX `test` has no way to read an mtime, but compares two; dash, bash 5,
 * mksh, yash and zsh to the nanosecond). An equality check rather than "not
 * newer than the entry": an mtime set back (`cp -p`, `tar x`, `touch -d`) and
 * a file server whose clock runs behind both show as a change. Stamps are
 * shared by every entry, named by the microsecond they stand for.
 *
 * bash 3.2 (macOS's /bin/sh) and busybox compare whole seconds, where that
 * pair never holds. So when the mtime's second ended well before the engine
 * started (`startNs`), a second pair of the same name in `s/` brackets the
 * whole second: `lo` half a second before it, `hi` at the next one, so in
 * whole seconds the test says "the mtime is still in that second". Any write
 * after the engine's first look lands in a later second, so that still
 * catches every change but an mtime set back into the very same second.
 * `whole` says the second pair exists; the entry picks the pair by what its
 * shell's `test` can tell apart (RESOLUTION), and a path without a whole
 * pair misses in a whole-second shell.
 */
export function stampPair(
  dir: string,
  mtimeNs: bigint,
  startNs: bigint,
): { lo: string; hi: string; whole: boolean } {
  const us = mtimeNs / 1000n;
  const name = String(us);
  const lo = `${name}.lo`;
  const hi = `${name}.hi`;
  ensureStamp(dir, lo, us * 1000n - MARGIN_NS);
  ensureStamp(dir, hi, us * 1000n + 1000n + MARGIN_NS);
  const second = mtimeNs / SECOND_NS;
  const whole = (second + 1n) * SECOND_NS + WHOLE_MARGIN_NS <= startNs;
  if (whole) {
    ensureResolutionProbe(dir);
    const s = join(dir, WHOLE_DIR);
    ensureStamp(s, lo, second * SECOND_NS - SECOND_NS / 2n);
    ensureStamp(s, hi, (second + 1n) * SECOND_NS);
  }
  return { lo, hi, whole };
}

function ensureResolutionProbe(dir: string): void {
  ensureStamp(dir, RESOLUTION.coarse, RESOLUTION_S * SECOND_NS + SECOND_NS / 4n);
  ensureStamp(dir, RESOLUTION.fine, RESOLUTION_S * SECOND_NS + (SECOND_NS * 3n) / 4n);
}

// O_NOFOLLOW, and the times set through the descriptor: a symlink at a
// stamp's name must not have pipwarden change the mtime of another file.
const OPEN = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;

function ensureStamp(dir: string, name: string, atNs: bigint): void {
  const path = join(dir, name);
  try {
    const now = lstatSync(path, { bigint: true }).mtimeNs;
    const off = now > atNs ? now - atNs : atNs - now;
    if (off < MARGIN_NS / 2n) return;
  } catch {
    makeOwnDirs(dir, 0o700);
  }
  const fd = openSync(path, OPEN, 0o600);
  try {
    if (!fstatSync(fd).isFile()) throw new Error(`${path}: not a regular file`);
    const seconds = Number(atNs) / 1e9;
    futimesSync(fd, seconds, seconds);
  } finally {
    closeSync(fd);
  }
}
