import { accessSync, constants, lstatSync, realpathSync, type Stats, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PathState } from '../../core/render/plan-cache-entry.js';

/**
 * The state of every path a decision read, and of every directory above
 * each: a directory's mtime moves when an entry in it is created, removed
 * or renamed over, which catches a file or a whole tree swapped in with
 * older timestamps (`mv .venv-new .venv`). HOME and sticky directories
 * (/tmp) are left out of the mtime checks: something changes in them all
 * the time (shell history, other programs' temp files), which would make
 * every entry under them miss. docs/plan-cache.md says what that leaves.
 */
export function observePaths(paths: Iterable<string>, home: string): PathState[] {
  const all = new Set<string>();
  for (const p of paths) {
    for (let d = p; !all.has(d); d = dirname(d)) {
      all.add(d);
      if (dirname(d) === d) break;
    }
  }
  return [...all].sort().map((p) => observe(p, home));
}

function observe(path: string, home: string): PathState {
  const link = lstatOrNull(path)?.isSymbolicLink() ?? false;
  const st = statOrNull(path);
  if (st === null) {
    return {
      path,
      kind: 'missing',
      link,
      readable: false,
      writable: false,
      executable: false,
      mtime: false,
    };
  }
  const kind = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
  const sticky = st.isDirectory() && (st.mode & 0o1000) !== 0;
  return {
    path,
    kind,
    link,
    ...(link ? { target: realpathSync(path) } : {}),
    readable: can(path, constants.R_OK),
    writable: can(path, constants.W_OK),
    executable: can(path, constants.X_OK),
    mtime: kind !== 'other' && !sticky && path !== home,
  };
}

function can(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}
