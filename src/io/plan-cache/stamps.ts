import { closeSync, constants, fstatSync, futimesSync, lstatSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { makeOwnDirs } from '../make-dirs.js';

/** How far each stamp sits from the mtime it brackets: Node sets times as doubles (about 240 ns apart now). */
const MARGIN_NS = 2000n;

/**
 * A pair of empty files whose mtimes bracket `mtimeNs`, so sh can test
 * that a path's mtime is still that one: `[ p -nt lo ] && [ p -ot hi ]`
 * (POSIX `test` has no way to read an mtime, but compares two to the
 * nanosecond in dash and bash). An equality check rather than "not newer
 * than the entry": an mtime set back (`cp -p`, `tar x`, `touch -d`) and a
 * file server whose clock runs behind both show as a change. Stamps are
 * shared by every entry, named by the microsecond they stand for.
 */
export function stampPair(dir: string, mtimeNs: bigint): { lo: string; hi: string } {
  const us = mtimeNs / 1000n;
  const name = String(us);
  const lo = `${name}.lo`;
  const hi = `${name}.hi`;
  ensureStamp(dir, lo, us * 1000n - MARGIN_NS);
  ensureStamp(dir, hi, us * 1000n + 1000n + MARGIN_NS);
  return { lo, hi };
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
