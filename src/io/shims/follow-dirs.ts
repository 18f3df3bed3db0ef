import { lstatSync, mkdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { isShimName } from '../../core/call.js';
import { PipwardenError } from '../../core/errors.js';
import { FOLLOW_DIR, SHIM_DIR_MARKER } from '../../core/render/shim.js';
import { isRealDir, lexists, listDir } from '../fs-checks.js';
import { euid } from '../own-dirs.js';
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

/** `<shim dir>/.follow/<name>`: the dir the prompt hook puts on PATH for `name`. */
export function followDir(shimDir: string, name: string): string {
  return join(shimDir, FOLLOW_DIR, name);
}

/**
 * Write `.follow/<name>/<name>` for each shim (the caller checked the main
 * dir with ensureDir and rendered each text for its follow dir). `.follow`
 * and each follow dir must be real dirs of this user's (or root's), writable
 * by no one else, as the shim dir itself: a symlink planted in their place
 * is refused, never written through. Each follow dir holds the marker, so
 * every search that skips shim dirs skips it. A file there that is not a
 * shim of ours is left alone (blocked), as in the main dir.
 */
export function writeFollowShims(shimDir: string, shims: ShimFile[]): ShimDirChanges {
  const root = join(shimDir, FOLLOW_DIR);
  const changes = noChanges(root);
  ownDir(root);
  for (const shim of shims) {
    const dir = join(root, shim.name);
    ownDir(dir);
    writeIfChanged(dir, SHIM_DIR_MARKER, MARKER_TEXT, 0o644);
    if (lexists(join(dir, shim.name)) && !isOurs(join(dir, shim.name))) {
      changes.blocked.push(shim.name);
      continue;
    }
    const changed = writeIfChanged(dir, shim.name, shim.text, MODE);
    (changed ? changes.written : changes.unchanged).push(shim.name);
  }
  return changes;
}

/**
 * For a full rehash: rewrite every follow shim with `render` (they bake
 * node, the CLI and the version, so an upgrade must refresh them), and
 * remove the follow dirs whose name now has a main shim. A `.follow` that
 * is not a real dir is left alone and reported.
 */
export function syncFollowDirs(
  shimDir: string,
  mainNames: ReadonlySet<string>,
  render: (name: string, dir: string) => string,
): ShimDirChanges {
  const root = join(shimDir, FOLLOW_DIR);
  const changes = noChanges(root);
  if (!lexists(root)) return changes;
  if (!isRealDir(root)) {
    changes.foreign.push(FOLLOW_DIR);
    return changes;
  }
  const keep: ShimFile[] = [];
  for (const name of listDir(root).sort()) {
    if (isShimName(name) && !mainNames.has(name) && isRealDir(join(root, name))) {
      keep.push({ name, text: render(name, join(root, name)) });
    } else {
      const gone = removeOne(root, name);
      changes.removed.push(...gone.removed);
      changes.foreign.push(...gone.foreign);
    }
  }
  const written = writeFollowShims(shimDir, keep);
  return { ...written, removed: changes.removed, foreign: changes.foreign };
}

/** `rehash --remove`: our follow shims, their markers and dirs, then `.follow` when empty. */
export function removeFollowDirs(shimDir: string): ShimDirChanges {
  const root = join(shimDir, FOLLOW_DIR);
  const changes = noChanges(root);
  if (!isRealDir(root)) {
    if (lexists(root)) changes.foreign.push(FOLLOW_DIR);
    return changes;
  }
  for (const name of listDir(root).sort()) {
    const gone = removeOne(root, name);
    changes.removed.push(...gone.removed);
    changes.foreign.push(...gone.foreign);
  }
  if (changes.foreign.length === 0) rmdirQuietly(root);
  return changes;
}

/** One follow dir: our shim, the marker and dead temp files; the dir once empty. */
function removeOne(root: string, name: string): { removed: string[]; foreign: string[] } {
  const dir = join(root, name);
  const out = { removed: [] as string[], foreign: [] as string[] };
  if (!isRealDir(dir)) {
    out.foreign.push(`${FOLLOW_DIR}/${name}`);
    return out;
  }
  for (const entry of listDir(dir).sort()) {
    if (removeDeadTemp(dir, entry)) continue;
    if (entry === SHIM_DIR_MARKER || isOurs(join(dir, entry))) {
      if (unlinkQuietly(join(dir, entry)) && entry !== SHIM_DIR_MARKER) {
        out.removed.push(`${FOLLOW_DIR}/${name}/${entry}`);
      }
    } else out.foreign.push(`${FOLLOW_DIR}/${name}/${entry}`);
  }
  if (out.foreign.length === 0) rmdirQuietly(dir);
  return out;
}

/** Make `dir` (one level) or find it, then insist it is a real dir of ours that no one else can write. */
function ownDir(dir: string): void {
  try {
    mkdirSync(dir, { mode: MODE });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new PipwardenError(
        'config',
        `cannot create ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        'make the shim dir yours and writable, or set PIPWARDEN_SHIM_DIR, then pipwarden rehash',
      );
    }
  }
  const st = lstatSync(dir);
  const uid = euid() ?? 0;
  const why = st.isSymbolicLink()
    ? 'is a symlink'
    : !st.isDirectory()
      ? 'is not a directory'
      : openToOthers(st, uid);
  if (why !== null) {
    throw new PipwardenError(
      'config',
      `${dir} ${why}: pipwarden writes follow shims only into a real dir of its own`,
      `remove ${dir}, then pipwarden rehash`,
    );
  }
}

function rmdirQuietly(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Something else is in it now (another rehash): leave it.
  }
}
