import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { venvPath } from '../../core/decide/venv-target.js';
import type { ConfiguredVenv } from '../../core/facts.js';
import { isExecutableFile, isFile } from '../fs-checks.js';

/**
 * The venv the `venv` action would use (config `venv.path` against the
 * project), and what it holds: a pyvenv.cfg without pip is what a failed
 * ensurepip leaves behind (Debian's python3 without python3-venv).
 */
export function inspectConfiguredVenv(
  configured: string,
  projectRoot: string,
  projectVenv: string | null,
): ConfiguredVenv {
  const path = venvPath(configured, projectRoot, projectVenv);
  const exists = isFile(join(path, 'pyvenv.cfg'));
  if (!exists) return { path, exists };
  return {
    path,
    exists,
    python: isExecutableFile(join(path, 'bin', 'python')),
    pip: hasPip(path),
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
