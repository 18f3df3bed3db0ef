import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The folder of real pip wheels (pip 25.1.1, 25.3, 26.2.1): `shared/pip-wheels`
 * beside the repo (`<repo>/../shared`, as in CI) or beside a folder that holds
 * the repo (a git worktree such as `<root>/wt/<name>`); null when absent.
 */
export function pipWheelsDir(): string | null {
  for (let dir = dirname(REPO), i = 0; i < 3; dir = dirname(dir), i++) {
    const candidate = join(dir, 'shared', 'pip-wheels');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** The wheel of one pip version, or null (with the reason in `why`). */
export function pipWheel(version: string): { wheel: string | null; why: string } {
  const dir = pipWheelsDir();
  if (!dir) return { wheel: null, why: `no shared/pip-wheels beside ${REPO}` };
  const wheel = join(dir, `pip-${version}-py3-none-any.whl`);
  return existsSync(wheel) ? { wheel, why: '' } : { wheel: null, why: `${wheel} is missing` };
}

/**
 * A venv at `dir` whose pip is the given wheel: made --without-pip, then pip
 * installs itself from the wheel (run from the zip, as pip's docs allow),
 * offline. Returns the venv's python.
 */
export async function venvWithPipWheel(
  python: string,
  wheel: string,
  dir: string,
  env: Record<string, string>,
): Promise<string> {
  await run(python, ['-m', 'venv', '--without-pip', dir], { env });
  const venvPython = join(dir, 'bin', 'python');
  await run(
    venvPython,
    [join(wheel, 'pip'), 'install', '--no-index', '--no-deps', '--quiet', wheel],
    { env },
  );
  return venvPython;
}
