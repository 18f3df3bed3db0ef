import { readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PipwardenError } from '../../core/errors.js';
import { FOLLOW_DIR, SHIM_DIR_MARKER } from '../../core/render/shim.js';
import { lexists } from '../fs-checks.js';
import { makeDirs } from '../make-dirs.js';
import { removeFollowDirs } from './follow-dirs.js';
import {
  isOurs,
  MARKER_TEXT,
  noChanges,
  openToOthers,
  type ShimDirChanges,
  type ShimFile,
} from './shim-files.js';
import { removeDeadTemp, unlinkQuietly, writeIfChanged } from './write-atomic.js';

const MODE = 0o755;

/**
 * Make `dir` hold exactly `shims`: each written atomically (temp file in the
 * same dir, then rename(2), so a running shell never sees half a shim), mode
 * 0755 whatever the umask; unchanged files are not touched; stamped shims no
 * longer wanted are removed. Two rehashes at once are safe: every step is a
 * single rename or unlink, and neither removes the other's temp files.
 */
export function syncShimDir(dir: string, shims: ShimFile[]): ShimDirChanges {
  ensureDir(dir);
  const changes = noChanges(dir);
  writeIfChanged(dir, SHIM_DIR_MARKER, MARKER_TEXT, 0o644);
  const wanted = new Set<string>();
  for (const shim of shims) {
    // Never replace a file we did not write (a shim dir pointed at ~/.local/bin
    // would otherwise lose the user's own pip script).
    if (lexists(join(dir, shim.name)) && !isOurs(join(dir, shim.name))) {
      changes.blocked.push(shim.name);
      continue;
    }
    wanted.add(shim.name);
    const changed = writeIfChanged(dir, shim.name, shim.text, MODE);
    (changed ? changes.written : changes.unchanged).push(shim.name);
  }
  for (const entry of readdirSync(dir)) {
    // .follow is synced by syncFollowDirs (follow-dirs.ts), never a stray here.
    if (wanted.has(entry) || entry === SHIM_DIR_MARKER || entry === FOLLOW_DIR) continue;
    // Before the stamp test: a temp file holds a stamped shim, maybe another rehash's.
    if (removeDeadTemp(dir, entry)) continue;
    if (isOurs(join(dir, entry))) {
      if (unlinkQuietly(join(dir, entry))) changes.removed.push(entry);
    } else {
      changes.foreign.push(entry);
    }
  }
  return changes;
}

/** Remove our shims, the marker and dead temp files; then the dir if it is empty. */
export function removeShimDir(dir: string): ShimDirChanges {
  const changes = noChanges(dir);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return changes;
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    if (entry === FOLLOW_DIR) {
      const follow = removeFollowDirs(dir);
      changes.removed.push(...follow.removed);
      changes.foreign.push(...follow.foreign);
      continue;
    }
    if (removeDeadTemp(dir, entry)) continue;
    if (entry === SHIM_DIR_MARKER || isOurs(path)) {
      if (unlinkQuietly(path)) changes.removed.push(entry);
    } else {
      changes.foreign.push(entry);
    }
  }
  if (changes.foreign.length === 0) {
    try {
      rmdirSync(dir);
    } catch {
      // Another process wrote into it meanwhile; leave it.
    }
  }
  return changes;
}

/**
 * The dir must be a directory nobody else can write to: a world-writable
 * shim dir would let any local user replace `pip` for this user. We report
 * it rather than chmod it: someone may already have planted files there.
 */
export function ensureDir(dir: string): void {
  // The umask can only take bits away from 0755, so a dir we create is fine.
  try {
    makeDirs(dir, MODE);
  } catch (error) {
    throw new PipwardenError(
      'config',
      `cannot create the shim dir ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      'pipwarden rehash --dir <a dir you own>, or set PIPWARDEN_SHIM_DIR',
    );
  }
  const st = statSync(dir);
  if (!st.isDirectory()) {
    throw new PipwardenError(
      'config',
      `shim dir ${dir} is not a directory`,
      'remove it, or set PIPWARDEN_SHIM_DIR to another path',
    );
  }
  const uid = process.getuid?.() ?? 0;
  const why = openToOthers(st, uid);
  if (why !== null) {
    throw new PipwardenError(
      'config',
      `shim dir ${dir} ${why}: another user could replace your pip`,
      `chmod 755 ${dir} (as its owner), or set PIPWARDEN_SHIM_DIR to a dir of your own`,
    );
  }
}
