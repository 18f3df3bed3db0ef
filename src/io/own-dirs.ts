import { lstatSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, isAbsolute } from 'node:path';
import { askingWhatItIs } from './read-hints.js';

/** The effective uid, or null where there is none (Windows). */
export function euid(): number | null {
  return process.geteuid?.() ?? null;
}

/**
 * Whether pipwarden, as this effective user, may keep files at `dir` and
 * trust what it finds there: `dir` is absolute, and either it is a directory
 * this user owns, or it is missing and the nearest directory above it is
 * this user's or root's (root's: `/`, `/tmp`, a root-made dir; each dir
 * pipwarden then makes is checked again, make-dirs.ts). This is pip's own
 * rule for its cache under `sudo -H`-less sudo (pip/_internal/utils/filesystem.py
 * check_path_owner): root must not make, or read, files in a dir its
 * caller owns.
 */
export function ownedOrMine(dir: string): boolean {
  const uid = euid();
  if (!isAbsolute(dir)) return false;
  if (uid === null) return true;
  return askingWhatItIs(() => {
    for (let p = dir; ; p = dirname(p)) {
      const st = statOrNull(p);
      if (st !== null) {
        if (p === dir) return st.isDirectory() && st.uid === uid;
        return st.isDirectory() && (st.uid === uid || st.uid === 0);
      }
      if (dirname(p) === p) return false;
    }
  });
}

/** This user's home in the password database (getpwuid of the euid), or null. */
export function passwdHome(): string | null {
  try {
    const home = userInfo().homedir;
    return isAbsolute(home) ? home : null;
  } catch {
    // A uid with no passwd entry (containers).
    return null;
  }
}

/** A path that is a directory, not a symlink, and this user's own. */
export function isOwnDir(path: string): boolean {
  const uid = euid();
  try {
    const st = lstatSync(path);
    return st.isDirectory() && (uid === null || st.uid === uid);
  } catch {
    return false;
  }
}

function statOrNull(p: string) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}
