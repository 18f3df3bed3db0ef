import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import { resolve } from 'node:path';
import { askingWhatItIs } from './read-hints.js';

/** Small questions about the filesystem that never throw: a missing path is just `false`. */

/**
 * What is at `p` (`follow`: through symlinks), or null. Marked as a question
 * about what the path is, not what is in it (read-hints.ts), so the plan
 * cache does not check its mtime.
 */
function whatIs(p: string, follow = true): Stats | null {
  return askingWhatItIs(() => {
    try {
      return follow ? statSync(p) : lstatSync(p);
    } catch {
      return null;
    }
  });
}

/** Something is at `p`, following symlinks (`[ -e p ]`): a dangling link is not there. */
export function exists(p: string): boolean {
  return whatIs(p) !== null;
}

/** Something is at `p` itself, a dangling symlink included (Python's os.path.lexists). */
export function lexists(p: string): boolean {
  return whatIs(p, false) !== null;
}

export function isDir(p: string): boolean {
  return whatIs(p)?.isDirectory() ?? false;
}

/** A directory at `p` itself, not through a symlink. */
export function isRealDir(p: string): boolean {
  return whatIs(p, false)?.isDirectory() ?? false;
}

/** The names in `dir`, unsorted; none when it cannot be read. */
export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export function isFile(p: string): boolean {
  return whatIs(p)?.isFile() ?? false;
}

/** A directory this process may create files in. */
export function isWritableDir(p: string): boolean {
  if (!isDir(p)) return false;
  try {
    accessSync(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A regular file (after symlinks) that this process may execute, as execvp would. */
export function isExecutableFile(p: string): boolean {
  if (!isFile(p)) return false;
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `p` through its symlinks; when that fails (nothing there), `p` made absolute. */
export function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/**
 * The same place by name: equal once made absolute, or equal through
 * symlinks. Two hard links to one file are not the same place (see fileIdentity).
 */
export function samePlace(a: string, b: string): boolean {
  return resolve(a) === resolve(b) || safeRealpath(a) === safeRealpath(b);
}

/** Device and inode: the identity `[ a -ef b ]` compares (the shim compares dirs so). */
export function fileIdentity(p: string): string | null {
  try {
    const st = statSync(p);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/** The first `bytes` of a file as UTF-8 (a shebang, a shim's stamp); null when it cannot be read. */
export function readHead(path: string, bytes = 1024): string | null {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: a FIFO in place of a script opens at once instead of
    // waiting for a writer; fstat then turns anything but a file away.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    if (!fstatSync(fd).isFile()) return null;
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
