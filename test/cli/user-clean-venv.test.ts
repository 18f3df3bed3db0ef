import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWith, world } from '../engine/fixtures.js';
import { pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { makeVenv } from '../helpers/venv.js';

// issue 17, defect 9: `user clean` ran the venv's `pip uninstall`, and pip
// in a venv will not touch the user site ("Not uninstalling … outside
// environment", exit 0): clean reported success and removed nothing. It
// now removes by each RECORD where pip will not, and checks afterwards.
const py312 = pyenvPython('3.12');
const missing = needs('pyenv Python 3.12', py312);

describe.skipIf(missing)('user clean through a --system-site-packages venv', () => {
  it('removes what pip --user put in the user site, script too, and says so only when it is gone', () => {
    const w = world();
    const venv = makeVenv(py312 as string, join(w.root, 'ssv'), { systemSitePackages: true });
    const env = w.env({ PATH: pathWith(join(venv, 'bin')) });
    // A real user install, by the base interpreter's own pip (into this test's HOME).
    const put = runCommand(
      [py312 as string, '-m', 'pip', 'install', '--user', ...w.installArgs.slice(1)],
      { env },
    );
    expect(put.status, put.stderr).toBe(0);
    const local = join(w.home, '.local');
    const site = join(local, 'lib', 'python3.12', 'site-packages');
    expect(existsSync(join(site, 'pwdemo', '__init__.py'))).toBe(true);
    expect(existsSync(join(local, 'bin', 'pwdemo-cli'))).toBe(true);

    // pip alone, through that venv: exits 0 and leaves it.
    const alone = runCommand(
      [join(venv, 'bin', 'python'), '-m', 'pip', 'uninstall', '-y', 'pwdemo'],
      { env },
    );
    expect(alone.status).toBe(0);
    expect(`${alone.stdout}${alone.stderr}`).toContain('outside environment');
    expect(existsSync(join(site, 'pwdemo', '__init__.py'))).toBe(true);

    const clean = pipwarden(['user', 'clean', '--yes', '--python', join(venv, 'bin', 'python')], {
      env,
    });
    expect(clean.status, clean.stderr).toBe(0);
    expect(existsSync(join(site, 'pwdemo'))).toBe(false);
    expect(existsSync(join(local, 'bin', 'pwdemo-cli'))).toBe(false);
    expect(existsSync(join(site, 'pwdemo-0.1.dist-info'))).toBe(false);
    expect(clean.stderr).toContain('removed pwdemo 0.1');
    const list = pipwarden(['user', 'list', '--python', join(venv, 'bin', 'python')], { env });
    expect(list.stdout).toContain(`user site: ${site} (empty)`);
  }, 300_000);
});
