import { dirname, join, resolve } from 'node:path';
import { isFile } from '../fs-checks.js';

/** The nearest `.venv` holding a pyvenv.cfg, at or above `cwd`. */
export function findProjectVenv(cwd: string): string | null {
  const dir = findUp(cwd, (d) => isFile(join(d, '.venv', 'pyvenv.cfg')));
  return dir === null ? null : join(dir, '.venv');
}

/** The nearest directory holding pyproject.toml, at or above `cwd`; else `cwd`. */
export function findProjectRoot(cwd: string): string {
  return findUp(cwd, (d) => isFile(join(d, 'pyproject.toml'))) ?? resolve(cwd);
}

function findUp(start: string, test: (dir: string) => boolean): string | null {
  let dir = resolve(start);
  for (;;) {
    if (test(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
