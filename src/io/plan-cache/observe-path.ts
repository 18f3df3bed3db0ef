import type * as Fs from 'node:fs';

/** A path as a decision found it, before its first look: what the entry checks again. */
export interface Observed {
  path: string;
  kind: 'missing' | 'file' | 'dir' | 'other';
  /** A symbolic link (for `missing`: a dangling one). */
  link: boolean;
  /** For a link that resolves: where it led. */
  target?: string;
  /** access(2) as this user. */
  readable: boolean;
  writable: boolean;
  executable: boolean;
  /** Files and directories: the mtime, to the nanosecond. */
  mtimeNs?: bigint;
}

/** The few calls observing needs, taken from node:fs before the recorder wraps it. */
export type ObserveFs = Pick<
  typeof Fs,
  'accessSync' | 'lstatSync' | 'realpathSync' | 'statSync' | 'constants'
>;

/**
 * One path's state, read with the unwrapped calls. Taken before the
 * decision first looks at the path, so a change made after that look (even
 * while the decision is still running) differs from what the entry records,
 * and the entry misses.
 */
export function observePath(path: string, fs: ObserveFs): Observed {
  const lst = stat(() => fs.lstatSync(path, { bigint: true }));
  const link = lst?.isSymbolicLink() ?? false;
  const st = link ? stat(() => fs.statSync(path, { bigint: true })) : lst;
  if (st === null) {
    return { path, kind: 'missing', link, readable: false, writable: false, executable: false };
  }
  const kind = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
  const can = (mode: number) => {
    try {
      fs.accessSync(path, mode);
      return true;
    } catch {
      return false;
    }
  };
  let target: string | undefined;
  if (link) {
    try {
      target = fs.realpathSync(path);
    } catch {
      // Retargeted between the two calls: the mtime and -ef checks will miss.
    }
  }
  return {
    path,
    kind,
    link,
    ...(target === undefined ? {} : { target }),
    readable: can(fs.constants.R_OK),
    writable: can(fs.constants.W_OK),
    executable: can(fs.constants.X_OK),
    // A device's mtime moves with every use (/dev/tty); its type is what counts.
    ...(kind === 'other' ? {} : { mtimeNs: st.mtimeNs }),
  };
}

function stat(f: () => Fs.BigIntStats): Fs.BigIntStats | null {
  try {
    return f();
  } catch {
    return null;
  }
}
