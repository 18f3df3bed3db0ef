import { lstatSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { exists } from './fs-checks.js';
import { isOwnDir } from './own-dirs.js';

/**
 * `mkdir -p`, one level at a time. Node 20's `mkdirSync(p, { recursive: true })`
 * never returns for a path under /proc (mkdir there keeps failing with
 * ENOENT and Node retries forever); a hung pip would be far worse than a
 * failed cache write, so walk up to the nearest existing dir ourselves.
 */
export function makeDirs(dir: string, mode = 0o777): void {
  for (const d of missingDirs(dir)) {
    try {
      mkdirSync(d, { mode });
    } catch (error) {
      // Another process may have made it between our check and our mkdir.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * makeDirs for pipwarden's own files (cache, audit log, plan cache): each
 * dir it makes, and `dir` itself when it was there already, must then be a
 * real directory (not a symlink) that this user owns. A dir someone else
 * made first (a race in a shared dir such as /tmp) or a symlink planted in
 * its place throws, so nothing is written through it.
 */
export function makeOwnDirs(dir: string, mode = 0o700): void {
  for (const d of missingDirs(dir)) {
    try {
      mkdirSync(d, { mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!isOwnDir(d)) throw notOwn(d);
  }
  if (!isOwnDir(dir)) throw notOwn(dir);
}

/** Why `d` is not usable, with an errno-like code for the one-line warning. */
function notOwn(d: string): Error {
  let code = 'ENOTOWN'; // a directory someone else owns
  try {
    const st = lstatSync(d);
    if (st.isSymbolicLink()) code = 'ELOOP';
    else if (!st.isDirectory()) code = 'ENOTDIR';
  } catch {
    code = 'ENOENT';
  }
  return Object.assign(new Error(`${d} is not a directory of this user's`), { code });
}

function missingDirs(dir: string): string[] {
  const missing: string[] = [];
  let current = dir;
  while (!exists(current)) {
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return missing.reverse();
}
