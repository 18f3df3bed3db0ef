import {
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { writeAll } from '../fd-out.js';

// `.<name>.<pid>.<random>.tmp`: the pid lets a later rehash clean up after a crash.
const TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]+\.tmp$/;

/** Atomically make `dir/name` hold `text` with `mode`; false when it already did. */
export function writeIfChanged(dir: string, name: string, text: string, mode: number): boolean {
  if (sameContent(join(dir, name), text, mode)) return false;
  writeAtomic(dir, name, text, mode, { durable: true });
  return true;
}

/**
 * Write a temp file beside `dir/name` (text as UTF-8, or the bytes as they are) and rename it over: readers see the
 * old file or the new one, never a part. The temp is made with O_EXCL (a
 * planted file or symlink is never written through) and renamed only once
 * every byte is in it: write(2) may write less than asked on a nearly full
 * disk, and a short count ends in ENOSPC on the next try, which unlinks the
 * temp. `durable` syncs it to disk first (a shim); a cache entry lost in a
 * crash is only a miss, and one the kernel left short is refused by the shim
 * (plan-cache-entry.ts: the entry proves it is whole).
 */
export function writeAtomic(
  dir: string,
  name: string,
  data: string | Buffer,
  mode: number,
  opts: { durable: boolean },
): void {
  // Unique by pid and clock, made with O_EXCL ('wx'): never another file's. Not
  // node:crypto's randomBytes, whose load is a share of a shim's miss.
  const temp = join(dir, `.${name}.${process.pid}.${process.hrtime.bigint().toString(16)}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    try {
      fchmodSync(fd, mode);
      writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      if (opts.durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, join(dir, name));
  } catch (error) {
    unlinkQuietly(temp);
    throw error;
  }
}

function sameContent(path: string, text: string, mode: number): boolean {
  try {
    const st = lstatSync(path);
    if (!st.isFile() || (st.mode & 0o7777) !== mode) return false;
    return readFileSync(path, 'utf8') === text;
  } catch {
    return false;
  }
}

/** True for a temp file of ours; removed when its writer is gone (crashed mid-rehash). */
export function removeDeadTemp(dir: string, entry: string): boolean {
  const m = TEMP.exec(entry);
  if (!m) return false;
  if (!processAlive(Number(m[2]))) unlinkQuietly(join(dir, entry));
  return true;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove a file; false when it was already gone (a concurrent rehash got there first). */
export function unlinkQuietly(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch {
    // Already gone: a concurrent rehash removed it first.
    return false;
  }
}
