import { isAbsolute, join } from 'node:path';
import { toolOf } from '../../core/call.js';
import type { Env } from '../../core/env.js';
import { SHIM_DIR_MARKER } from '../../core/render/shim.js';
import { exists, fileIdentity, isExecutableFile, listDir } from '../fs-checks.js';
import { homeDir } from '../paths.js';

/** A command name to shim, and why: the first dir it was seen in. */
export interface ShimName {
  name: string;
  kind: 'pip' | 'python';
  from: string;
}

/**
 * Every name worth a shim: pip, pip3, pip3.X, python, python3 and python3.X
 * found on PATH (our shim dir and any other pipwarden shim dir left out), and
 * each pyenv version's pip3.X and python3.X, which pyenv only puts on PATH
 * through its own shims once selected. Sorted, each name once.
 */
export function discoverShimNames(env: Env, shimDir: string): ShimName[] {
  const found = new Map<string, ShimName>();
  const own = fileIdentity(shimDir);
  for (const dir of (env.PATH ?? '').split(':')) {
    // Relative entries depend on the cwd at run time; the shim handles them then.
    if (!isAbsolute(dir)) continue;
    const id = fileIdentity(dir);
    if (id === null || id === own || exists(join(dir, SHIM_DIR_MARKER))) continue;
    addFrom(dir, () => true, found);
  }
  // Only the versioned names: pip and python there are pyenv's own business.
  for (const bin of pyenvBinDirs(env)) addFrom(bin, (n) => n.includes('.'), found);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function addFrom(dir: string, accept: (name: string) => boolean, found: Map<string, ShimName>) {
  for (const name of listDir(dir)) {
    const kind = toolOf(name);
    if (kind === null || found.has(name) || !accept(name)) continue;
    if (isExecutableFile(join(dir, name))) found.set(name, { name, kind, from: dir });
  }
}

/** `$PYENV_ROOT/versions/*\/bin` (PYENV_ROOT defaults to ~/.pyenv, as in pyenv). */
function pyenvBinDirs(env: Env): string[] {
  const root = env.PYENV_ROOT || join(homeDir(env), '.pyenv');
  const versions = join(root, 'versions');
  return listDir(versions)
    .sort()
    .map((v) => join(versions, v, 'bin'));
}
