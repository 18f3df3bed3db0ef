import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const PYENV_ROOT = process.env.PYENV_ROOT ?? '/root/.pyenv';

/** The real interpreter of a pyenv version, e.g. pyenvPython('3.12') → .../3.12.1/bin/python3.12. */
export function pyenvPython(minor: string): string | null {
  const versions = join(PYENV_ROOT, 'versions');
  if (!existsSync(versions)) return null;
  const match = readdirSync(versions)
    .filter((v) => v === minor || v.startsWith(`${minor}.`))
    .sort()
    .pop();
  if (!match) return null;
  const bin = join(versions, match, 'bin', `python${minor.startsWith('2') ? '2.7' : minor}`);
  return existsSync(bin) ? bin : null;
}

/** Debian's externally managed interpreter. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/** The interpreter tests use for helper work (building wheels). */
export function helperPython(): string {
  const p = pyenvPython('3.11') ?? pyenvPython('3.12') ?? DEBIAN_PYTHON;
  return p;
}
