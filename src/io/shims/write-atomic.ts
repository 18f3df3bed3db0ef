import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

// `.<name>.<pid>.<random>.tmp`: the pid lets a later rehash clean up after a crash.
const TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]+\.tmp$/;

/** Atomically make `dir/name` hold `text` with `mode`; false when it already did. */
export function writeIfChanged(dir: string, name: string, text: string, mode: number): boolean {
  const path = join(dir, name);
  if (sameContent(path, text, mode)) return false;
  const temp = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    fchmodSync(fd, mode);
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, path);
  } catch (error) {
    unlinkQuietly(temp);
    throw error;
  }
  return true;
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
