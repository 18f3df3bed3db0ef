import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { makeVenv, sitePackages } from '../../helpers/venv.js';

/**
 * A real venv whose pip is the base interpreter's, linked in rather than
 * installed by ensurepip (4 s → 0.1 s per venv). pip still runs under the
 * venv's python, so it installs into the venv, exactly as an ensurepip'd
 * pip would; its console scripts are the ones pip itself writes.
 */
export function fastVenv(python: string, dir: string): string {
  makeVenv(python, dir, { withoutPip: true });
  const base = execFileSync(
    python,
    ['-c', 'import os, pip; print(os.path.dirname(os.path.dirname(pip.__file__)))'],
    { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } },
  ).trim();
  const site = sitePackages(dir);
  for (const entry of readdirSync(base)) {
    if (entry === 'pip' || /^pip-.*\.dist-info$/.test(entry)) {
      symlinkSync(join(base, entry), join(site, entry));
    }
  }
  const [major, minor] = basename(sitePackages(dir).replace(/\/site-packages$/, ''))
    .replace(/^python/, '')
    .split('.');
  const py = join(dir, 'bin', 'python');
  for (const name of ['pip', `pip${major}`, `pip${major}.${minor}`]) {
    const script = join(dir, 'bin', name);
    writeFileSync(
      script,
      `#!${py}\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pip._internal.cli.main import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n`,
    );
    chmodSync(script, 0o755);
  }
  return dir;
}
