import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { giveToNobody, openForNobody, pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { pathWith, world } from './fixtures.js';

// A root-owned venv with --system-site-packages, used by nobody: site-packages
// is not writable and the user site is enabled, so pip silently falls back to
// ~/.local. pipwarden makes that explicit. Debian's python3 builds the venv:
// nobody cannot reach pyenv's interpreters under /root (mode 0700).
const canSetpriv = process.getuid?.() === 0 && existsSync(DEBIAN_PYTHON);
const noSetpriv = needs('root (setpriv) and /usr/bin/python3', canSetpriv);

describe.skipIf(noSetpriv)('site-packages not writable (run as nobody)', () => {
  const py = DEBIAN_PYTHON;
  it('pip defaults to the user site silently; pipwarden says so and adds --user', () => {
    const w = world();
    openForNobody(w.root, w.wheels);
    const venv = makeVenv(py, join(w.root, 'venv'), { systemSitePackages: true });
    mkdirSync(w.home, { recursive: true });
    giveToNobody(w.home);
    const env = w.env({ PATH: pathWith(join(venv, 'bin')), VIRTUAL_ENV: venv });
    const userSite = join(w.home, '.local', 'lib', 'python3.11', 'site-packages');

    const direct = runCommand(['pip', ...w.installArgs], { env, asNobody: true });
    expect(direct.stdout + direct.stderr).toContain(
      'Defaulting to user installation because normal site-packages is not writeable',
    );
    expect(existsSync(join(userSite, 'pwdemo', '__init__.py'))).toBe(true);
    // pip in a venv will not uninstall from the user site ("outside
    // environment"), so clear it by hand before the second run.
    rmSync(join(w.home, '.local'), { recursive: true, force: true });

    const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env, asNobody: true });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`installing with --user into ${userSite}`);
    expect(r.stderr).toContain(`${join(w.home, '.local', 'bin')}, which is NOT on PATH`);
    expect(r.stdout + r.stderr).not.toContain('Defaulting to user installation');
    expect(existsSync(join(userSite, 'pwdemo', '__init__.py'))).toBe(true);
    expect(installedIn(venv, 'pwdemo')).toBe(false);
  });

  it('onNotWritable: refuse (project config) stops pip before it runs', () => {
    const w = world();
    openForNobody(w.root, w.wheels);
    const venv = makeVenv(py, join(w.root, 'venv'), { systemSitePackages: true });
    const project = join(w.root, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'pyproject.toml'), '[tool.pipwarden]\nonNotWritable = "refuse"\n');
    openForNobody(project);
    mkdirSync(w.home, { recursive: true });
    giveToNobody(w.home);
    const env = w.env({ PATH: pathWith(join(venv, 'bin')), VIRTUAL_ENV: venv });
    const r = pipwarden(['run', '--', 'pip', ...w.installArgs], {
      env,
      asNobody: true,
      cwd: project,
    });
    expect(r.status).toBe(77);
    expect(r.stderr).toMatch(/refused: .*site-packages is not writable/);
    expect(existsSync(join(w.home, '.local', 'lib'))).toBe(false);
  });
});
