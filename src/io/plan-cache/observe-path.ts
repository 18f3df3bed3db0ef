import type * as Fs from 'node:fs';
import { dirname, join } from 'node:path';
import type { PathState } from '../../core/render/plan-cache-entry.js';

/**
 * A path as a decision found it, before its first look: what the entry checks
 * again (core's PathState), with the mtime itself, which save-plan turns into
 * the two stamps that bracket it.
 */
export type Observed = Omit<PathState, 'mtime'> & {
  /** Files and directories: the mtime, to the nanosecond. */
  mtimeNs?: bigint;
};

/** The few calls observing needs, taken from node:fs before the recorder wraps it. */
export type ObserveFs = Pick<
  typeof Fs,
  'accessSync' | 'lstatSync' | 'readlinkSync' | 'realpathSync' | 'statSync' | 'constants'
>;

/**
 * One path's state, read with the unwrapped calls. Taken before the
 * decision first looks at the path, so a change made after that look (even
 * while the decision is still running) differs from what the entry records,
 * and the entry misses.
 */
export function observePath(path: string, fs: ObserveFs, resolve = false): Observed {
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
  if (link || resolve) {
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

/**
 * Every path that resolving `path` visits, as realpath(3) walks it: each
 * directory above it and each link on the way (with where it leads). The
 * answer of a realpath depends on exactly these; the entry checks each is
 * still a directory, or still the same link. Ends at the first that is
 * missing, and after 40 links (ELOOP).
 */
export function resolutionSteps(path: string, fs: ObserveFs): Observed[] {
  const steps: Observed[] = [];
  const queue = path.split('/');
  let current = '/';
  let links = 0;
  while (queue.length > 0) {
    const part = queue.shift()!;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      current = dirname(current);
      continue;
    }
    const next = join(current, part);
    const seen = observePath(next, fs, true);
    // Only what it is counts for a step: no mtime (which a readdir of it would add).
    const { mtimeNs: _, ...type } = seen;
    steps.push({ ...type, step: true });
    if (seen.kind === 'missing' || links > 40) break;
    if (seen.link) {
      links++;
      const to = fs.readlinkSync(next);
      if (to.startsWith('/')) current = '/';
      queue.unshift(...to.split('/'));
    } else {
      current = next;
    }
  }
  return steps;
}
