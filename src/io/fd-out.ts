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
      writeAll(fd, Buffer.from(text));
      return true;
    },
    get isTTY() {
      tty ??= isTerminal(fd);
      return tty;
    },
  };
}

function writeAll(fd: number, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(141);
      // An fd left non-blocking by whoever started us: wait for room.
      if (code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
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
