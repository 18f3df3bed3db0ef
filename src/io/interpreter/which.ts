import { isAbsolute, join, resolve } from 'node:path';
import { isExecutableFile, safeRealpath } from '../fs-checks.js';

export interface FindOptions {
  /**
   * Directories to skip (pipwarden's or pyenv's shims). Compared by realpath,
   * so a symlinked or duplicated PATH entry for the same dir is skipped too.
   */
  exclude: string[];
  /** Base for relative PATH entries; an empty entry means cwd, as in execvp(3). */
  cwd?: string;
}

/**
 * The first executable regular file called `name` on `pathValue`, skipping
 * excluded directories, or null. What `command -v name` would print once the
 * shim dirs are out of PATH.
 */
export function findOnPath(name: string, pathValue: string, opts: FindOptions): string | null {
  return findAllOnPath(name, pathValue, opts, 1)[0] ?? null;
}

/** Every executable regular file called `name` on `pathValue`, in PATH order (at most `limit`). */
export function findAllOnPath(
  name: string,
  pathValue: string,
  opts: FindOptions,
  limit = Number.POSITIVE_INFINITY,
): string[] {
  const found: string[] = [];
  const excluded = new Set(opts.exclude.map(safeRealpath));
  const cwd = opts.cwd ?? process.cwd();
  const seen = new Set<string>();
  for (const entry of pathValue.split(':')) {
    const dir = entry === '' ? cwd : isAbsolute(entry) ? entry : resolve(cwd, entry);
    const real = safeRealpath(dir);
    if (excluded.has(real) || seen.has(real)) continue;
    seen.add(real);
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) found.push(candidate);
    if (found.length >= limit) break;
  }
  return found;
}
