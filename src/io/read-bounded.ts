import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * Reads a file that someone else may have planted (a cloned repository's
 * configs, `.python-version`, `pyvenv.cfg`): only a regular file, only up to
 * `cap` bytes. `pyproject.toml → /dev/zero` grew the engine to 16 GB, and
 * `.pipwardenrc.json → /dev/urandom` never ended (docs/security.md).
 *
 * The file is opened with O_NONBLOCK, so a FIFO opens at once instead of
 * waiting for a writer, and is checked with fstat on the open descriptor,
 * so it cannot be swapped between the check and the read. A symlink to a
 * regular file is read like the file (a repo may link its configs).
 */
export type BoundedRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; problem: 'missing' | 'denied' | 'directory' }
  | { ok: false; problem: 'not-regular' | 'too-large'; what: string };

/** A project's configs of every format: far more than any real one. */
export const CONFIG_CAP = 1024 * 1024;
/** The org's and the user's own configs: not the tree's, so roomier, but still bounded. */
export const OWN_CONFIG_CAP = 64 * 1024 * 1024;
/** One-line files: `.python-version`, `pyvenv.cfg`. */
export const SMALL_CAP = 64 * 1024;

export function readBounded(path: string, cap: number): BoundedRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, problem: 'denied' };
    if (code === 'ELOOP') return { ok: false, problem: 'not-regular', what: 'a symlink loop' };
    if (code === 'EISDIR') return { ok: false, problem: 'directory' };
    if (code === 'ENXIO') return { ok: false, problem: 'not-regular', what: 'a socket' };
    // ENOENT, ENOTDIR, a dangling link: nothing to read.
    return { ok: false, problem: 'missing' };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, problem: 'directory' };
    if (!st.isFile()) return { ok: false, problem: 'not-regular', what: kind(st) };
    if (st.size > cap) return { ok: false, problem: 'too-large', what: size(cap) };
    // One byte past the cap tells a file that grew after fstat.
    const buf = Buffer.allocUnsafe(cap + 1);
    let got = 0;
    for (;;) {
      const n = readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
      if (got > cap) return { ok: false, problem: 'too-large', what: size(cap) };
    }
    return { ok: true, bytes: buf.subarray(0, got) };
  } catch {
    return { ok: false, problem: 'missing' };
  } finally {
    closeSync(fd);
  }
}

/** The bytes, or null for anything but a regular file within the cap. */
export function readBoundedOrNull(path: string, cap: number): Buffer | null {
  const r = readBounded(path, cap);
  return r.ok ? r.bytes : null;
}

/** `not a regular file (a FIFO)` / `larger than 1 MiB`: what a line says about a refused read. */
export function capText(cap: number): string {
  return size(cap);
}

export function refusedRead(r: { problem: 'not-regular' | 'too-large'; what: string }): string {
  return r.problem === 'too-large'
    ? `larger than ${r.what}, so not read`
    : `not a regular file (${r.what}), so not read`;
}

function kind(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

function size(cap: number): string {
  return cap >= 1024 * 1024 ? `${cap / (1024 * 1024)} MiB` : `${cap / 1024} KiB`;
}
