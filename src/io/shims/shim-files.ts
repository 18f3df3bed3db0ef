import { lstatSync, type Stats } from 'node:fs';
import { parseShimStamp } from '../../core/render/shim.js';
import { readHead } from '../fs-checks.js';

/*
 * What the shim dir and its follow dirs (follow-dirs.ts) share: the files a
 * rehash writes, what it changed, the marker's words, and how a file is
 * known to be ours.
 */

export interface ShimFile {
  name: string;
  text: string;
}

export interface ShimDirChanges {
  dir: string;
  written: string[];
  unchanged: string[];
  removed: string[];
  /** Files in the dir that are not ours; left alone. */
  foreign: string[];
  /** Wanted shims not written because a file that is not ours has the name. */
  blocked: string[];
}

export const MARKER_TEXT =
  'This directory holds pipwarden shims; `pipwarden rehash` rewrites it.\n';

export function noChanges(dir: string): ShimDirChanges {
  return { dir, written: [], unchanged: [], removed: [], foreign: [], blocked: [] };
}

/** A regular file carrying our stamp: a shim some rehash wrote. */
export function isOurs(path: string): boolean {
  try {
    if (!lstatSync(path).isFile()) return false;
  } catch {
    return false;
  }
  const head = readHead(path, 512);
  return head !== null && parseShimStamp(head) !== null;
}

/**
 * Why a dir with these stats could let another user replace a shim in it
 * (world-writable, or owned by someone but `uid` and root), or null.
 */
export function openToOthers(st: Stats, uid: number): string | null {
  if ((st.mode & 0o002) !== 0) return 'is world-writable';
  if (st.uid !== uid && st.uid !== 0) return `belongs to uid ${st.uid}`;
  return null;
}
