import { readdirSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { venvPath } from '../../core/decide/venv-target.js';
import type { Env } from '../../core/env.js';
import type { ConfiguredVenv } from '../../core/facts.js';
import { isExecutableFile, isFile, lexists } from '../fs-checks.js';
import { venvMarkFile, venvVouch } from './venv-vouch.js';

/**
 * The venv the `venv` action would use (config `venv.path` against the
 * project), and what it holds: a pyvenv.cfg without pip is what a failed
 * ensurepip leaves behind (Debian's python3 without python3-venv).
 */
export function inspectConfiguredVenv(
  configured: string,
  projectRoot: string,
  projectVenv: string | null,
  env: Env,
  namedByUser: boolean,
): ConfiguredVenv {
  const path = venvPath(configured, projectRoot, projectVenv);
  const markFile = venvMarkFile(env, path);
  const exists = isFile(join(path, 'pyvenv.cfg'));
  // Something at that path that is not a venv (a file, a FIFO pyvenv.cfg, a
  // `.venv → /etc` link), or a parent that leads out of the project: a tree
  // planted it, and `python -m venv` would write into or through it.
  if (!exists && (lexists(path) || (!namedByUser && leavesProject(path, projectRoot)))) {
    return { path, exists: true, vouch: null, markFile };
  }
  if (!exists) return { path, exists, markFile };
  // Nothing in an unvouched venv is looked into further: it is not used.
  const vouch = venvVouch(env, path, namedByUser);
  if (vouch === null) return { path, exists, vouch, markFile };
  return {
    path,
    exists,
    python: isExecutableFile(join(path, 'bin', 'python')),
    pip: hasPip(path),
    vouch,
    markFile,
  };
}

function hasPip(prefix: string): boolean {
  if (['pip', 'pip3'].some((n) => isExecutableFile(join(prefix, 'bin', n)))) return true;
  try {
    return readdirSync(join(prefix, 'lib')).some(
      (d) =>
        d.startsWith('python') &&
        isFile(join(prefix, 'lib', d, 'site-packages', 'pip', '__init__.py')),
    );
  } catch {
    return false;
  }
}

/** Whether the nearest existing parent of `path` resolves outside the project root. */
function leavesProject(path: string, projectRoot: string): boolean {
  try {
    const root = realpathSync(projectRoot);
    let dir = dirname(path);
    while (!lexists(dir) && dirname(dir) !== dir) dir = dirname(dir);
    const real = realpathSync(dir);
    return real !== root && !real.startsWith(root.endsWith(sep) ? root : root + sep);
  } catch {
    return true;
  }
}
