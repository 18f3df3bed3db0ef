import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { SHIM_DIR_MARKER } from '../../core/render/shim.js';
import { shimDir } from '../paths.js';

type Env = Record<string, string | undefined>;

/**
 * Every directory the real-executable search must skip: the configured shim
 * dir, and each PATH entry holding the `.pipwarden-shims` marker (shims made
 * by `rehash --dir D`). The sh shims skip the same set, so `explain`, `run`
 * and the shims agree on which pip is real.
 */
export function shimDirsToSkip(env: Env, cwd: string): string[] {
  const dirs = [shimDir(env)];
  for (const entry of (env.PATH ?? '').split(':')) {
    const dir = entry === '' ? cwd : isAbsolute(entry) ? entry : resolve(cwd, entry);
    if (!dirs.includes(dir) && existsSync(join(dir, SHIM_DIR_MARKER))) dirs.push(dir);
  }
  return dirs;
}
