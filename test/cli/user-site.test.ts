import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWith, world } from '../engine/fixtures.js';
import { pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';

const py = pyenvPython('3.12');

const noPy = needs('pyenv Python 3.12', py);

// pyenv's 3.12 itself (not a venv: a venv has no user site), with HOME and
// the disposable dir in a temp dir, so a --user install lands only there.
describe.skipIf(noPy)('the disposable user site and pipwarden user list|clean', () => {
  const bin = dirname(py as string);

  it('sends a --user install to the disposable base, lists it, and removes it in one step', () => {
    const w = world();
    const root = join(w.root, 'disposable');
    const base = join(root, 'python3.12');
    mkdirSync(join(w.home, '.config', 'pipwarden'), { recursive: true });
    writeFileSync(
      join(w.home, '.config', 'pipwarden', 'config.yaml'),
      'disposableUserSite: true\n',
    );
    const env = w.env({ PATH: pathWith(bin), PIPWARDEN_DISPOSABLE_DIR: root });

    const r = pipwarden(['run', '--', 'pip', ...w.installArgs, '--user'], { env });
    expect(r.status).toBe(0);
    const site = join(base, 'lib', 'python3.12', 'site-packages');
    expect(existsSync(join(site, 'pwdemo', '__init__.py'))).toBe(true);
    expect(existsSync(join(base, 'bin', 'pwdemo-cli'))).toBe(true);
    expect(existsSync(join(w.home, '.local', 'lib'))).toBe(false);
    expect(existsSync(join(w.home, '.local', 'bin'))).toBe(false);
    expect(r.stderr).toContain(
      `pipwarden: installing with --user into the disposable user site ${base}\n`,
    );
    expect(r.stderr).toContain(
      `pipwarden: next: import from it with PYTHONUSERBASE=${base} python3; remove it with pipwarden user clean\n`,
    );
    // The notice's advice works: the base is importable only with PYTHONUSERBASE.
    const imp = ['python3', '-c', 'import pwdemo'];
    expect(runCommand(imp, { env: { ...env, PYTHONUSERBASE: base } }).status).toBe(0);
    expect(runCommand(imp, { env }).status).not.toBe(0);

    const list = pipwarden(['user', 'list', '--json'], { env });
    const listed = JSON.parse(list.stdout);
    expect(listed.disposable.site).toBe(site);
    expect(listed.disposable.packages).toEqual([
      {
        name: 'pwdemo',
        version: '0.1',
        installedBy: expect.objectContaining({ argv: ['pip', ...w.installArgs, '--user'] }),
      },
    ]);
    expect(listed.userSite.packages).toEqual([]);

    const dry = pipwarden(['user', 'clean', '--dry-run'], { env });
    expect(dry.stdout).toBe(`would remove the disposable user base ${base} (pwdemo)\n`);
    expect(existsSync(site)).toBe(true);

    const noTty = pipwarden(['user', 'clean'], { env });
    expect(noTty.status).toBe(64);
    expect(noTty.stderr).toContain('next: pipwarden user clean --yes');
    expect(existsSync(site)).toBe(true);

    const gone = pipwarden(['user', 'clean', '--yes'], { env });
    expect(gone.status).toBe(0);
    expect(existsSync(base)).toBe(false);
  });

  it('cleans the ordinary user site through pip uninstall: RECORD honoured, scripts included', () => {
    const w = world();
    const env = w.env({ PATH: pathWith(bin) });
    const r = pipwarden(['run', '--', 'pip', ...w.installArgs, '--user'], { env });
    expect(r.status).toBe(0);
    const local = join(w.home, '.local');
    const site = join(local, 'lib', 'python3.12', 'site-packages');
    expect(existsSync(join(site, 'pwdemo', '__init__.py'))).toBe(true);
    expect(existsSync(join(local, 'bin', 'pwdemo-cli'))).toBe(true);
    // Something of the user's own beside it, which no RECORD lists.
    writeFileSync(join(site, 'mine.pth'), '');

    const list = pipwarden(['user', 'list'], { env });
    expect(list.stdout).toContain(`user site: ${site} (1 package(s))\n  pwdemo 0.1  pip install `);

    const clean = pipwarden(['user', 'clean', '--yes', '--python', py as string], { env });
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain('Successfully uninstalled pwdemo-0.1');
    expect(existsSync(join(site, 'pwdemo'))).toBe(false);
    expect(existsSync(join(local, 'bin', 'pwdemo-cli'))).toBe(false);
    expect(existsSync(join(site, 'mine.pth'))).toBe(true);
  });
});
