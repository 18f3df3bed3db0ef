import { closeSync, openSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { makeDirs } from '../make-dirs.js';

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

function ensureStamp(dir: string, name: string, atNs: bigint): void {
  const path = join(dir, name);
  try {
    const now = statSync(path, { bigint: true }).mtimeNs;
    const off = now > atNs ? now - atNs : atNs - now;
    if (off < MARGIN_NS / 2n) return;
  } catch {
    makeDirs(dir, 0o700);
    closeSync(openSync(path, 'a', 0o600));
  }
  const seconds = Number(atNs) / 1e9;
  utimesSync(path, seconds, seconds);
}
