import { join } from 'node:path';
import { isShimName } from '../../core/call.js';
import {
  FOLLOW_DIR,
  parseShimBaked,
  parseShimStamp,
  SHIM_DIR_MARKER,
  type ShimStamp,
} from '../../core/render/shim.js';
import {
  exists,
  isDir,
  isExecutableFile,
  isFile,
  isRealDir,
  listDir,
  readHead,
} from '../fs-checks.js';

export interface ShimEntry {
  name: string;
  /** null: not a pipwarden shim (a stray file in the dir). */
  stamp: ShimStamp | null;
  /** The node binary the shim runs, and whether it is still there. */
  node: string | null;
  nodeExists: boolean;
}

export interface ShimDirReport {
  dir: string;
  exists: boolean;
  /** Something that is not a directory is there (`PIPWARDEN_SHIM_DIR=/dev/null`). */
  notADir?: boolean;
  /** The marker file every shim checks for. */
  marked: boolean;
  shims: ShimEntry[];
  /** The follow shims, `.follow/<name>/<name>` (follow-dirs.ts), by name. */
  follow: ShimEntry[];
}

/** What is in the shim dir, for `doctor`: every entry with its stamp and baked node. */
export function inspectShimDir(dir: string): ShimDirReport {
  if (!isDir(dir))
    return { dir, exists: false, notADir: exists(dir), marked: false, shims: [], follow: [] };
  const names = listDir(dir).filter((n) => !n.startsWith('.'));
  const shims = names.sort().map((name) => entry(join(dir, name), name));
  const root = join(dir, FOLLOW_DIR);
  const follow = (isRealDir(root) ? listDir(root) : [])
    .filter((n) => isShimName(n) && isRealDir(join(root, n)) && isFile(join(root, n, n)))
    .sort()
    .map((name) => entry(join(root, name, name), name));
  return { dir, exists: true, marked: isFile(join(dir, SHIM_DIR_MARKER)), shims, follow };
}

function entry(path: string, name: string): ShimEntry {
  const head = readHead(path, 2048) ?? '';
  const { node } = parseShimBaked(head);
  return {
    name,
    stamp: parseShimStamp(head),
    node,
    nodeExists: node !== null && isExecutableFile(node),
  };
}
