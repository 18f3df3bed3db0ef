import { fstatSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Where a command writes: whole strings, and whether it is a terminal (colour, the plan cache). */
export interface Out {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * fd 1 or 2 as an Out that writes with write(2). Node builds process.stdout
 * and process.stderr on first use, and for a pipe, a file or a terminal that
 * loads its stream, net and tty modules: a measurable share of a shim's miss
 * (bench/LEVERS.md). A command writes whole lines and needs no more.
 * A reader that stops early (`pipwarden explain | head -1`) ends the process
 * as a C tool killed by SIGPIPE would (128+13), not with a stack trace.
 */
export function fdOut(fd: 1 | 2): Out {
  let tty: boolean | undefined;
  return {
    write(text: string) {
      try {
        writeAll(fd, Buffer.from(text));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(141);
        throw error;
      }
      return true;
    },
    get isTTY() {
      tty ??= isTerminal(fd);
      return tty;
    },
  };
}

/**
 * Every byte of `bytes`, looping over short writes (a pipe, a nearly full
 * disk). An fd left non-blocking by whoever started us waits for room on
 * EAGAIN; a write that makes no progress throws (ENOSPC, EDQUOT, EFBIG), as
 * does any other error (EPIPE: the caller's call).
 */
export function writeAll(fd: number, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) {
    let n: number;
    try {
      n = writeSync(fd, bytes, done, bytes.length - done);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
      continue;
    }
    if (n <= 0) throw Object.assign(new Error('write made no progress'), { code: 'ENOSPC' });
    done += n;
  }
}

/** A terminal is a character device other than /dev/null; only then is node:tty (and the net module it loads) needed to be sure. */
export function isTerminal(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    // /dev/null, where services and `>/dev/null` point it, is a character device too.
    if (!st.isCharacterDevice() || st.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    return false;
  }
  const tty: typeof import('node:tty') = createRequire(import.meta.url)('node:tty');
  return tty.isatty(fd);
}
