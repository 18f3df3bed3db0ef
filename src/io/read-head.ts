import { closeSync, openSync, readSync } from 'node:fs';

/** The first `bytes` of a file as UTF-8, or '' when it cannot be read; never throws. */
export function readHead(path: string, bytes = 1024): string {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
