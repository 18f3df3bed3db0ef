import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv, sitePackages } from '../helpers/venv.js';
import { pathWith, world } from './fixtures.js';

// pip: "Can not perform a '--user' install. User site-packages are not
// visible in this virtualenv." pipwarden installs into the venv instead.
describe.each(['3.12', '3.6'])('user mode inside a venv (Python %s)', (minor) => {
  const python = pyenvPython(minor);
  const noPython = needs(`pyenv Python ${minor}`, python);
  it.skipIf(noPython)('PIP_USER=1: pip alone fails, pipwarden installs into the venv', () => {
    const w = world();
    const venv = makeVenv(python as string, join(w.root, 'venv'));
    const env = w.env({ PATH: pathWith(join(venv, 'bin')), VIRTUAL_ENV: venv, PIP_USER: '1' });

    const direct = runCommand([join(venv, 'bin', 'pip'), ...w.installArgs], { env });
    expect(installedIn(venv, 'pwdemo')).toBe(false);
    if (minor === '3.6') {
      // pip 18 only knows legacy virtualenv's no-global-site-packages.txt, so
      // in a PEP 405 venv it "succeeds" into a user site the venv cannot see.
      expect(direct.status).toBe(0);
      expect(
        existsSync(join(w.home, '.local', 'lib', 'python3.6', 'site-packages', 'pwdemo')),
      ).toBe(true);
      rmSync(join(w.home, '.local'), { recursive: true, force: true });
    } else {
      expect(direct.status).not.toBe(0);
      expect(direct.stderr).toMatch(/User site-packages are not visible in this virtualenv/);
    }

    const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env });
    expect(r.stderr).toMatch(
      /pipwarden: installing into the venv .*PIP_USER in the environment is ignored/,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(installedIn(venv, 'pwdemo')).toBe(true);
    expect(existsSync(join(w.home, '.local', 'lib'))).toBe(false);
  });

  it.skipIf(noPython)('--user on the command line is dropped, the rest kept', () => {
    const w = world();
    const venv = makeVenv(python as string, join(w.root, 'venv'));
    const env = w.env({ PATH: pathWith(join(venv, 'bin')), VIRTUAL_ENV: venv });
    const r = pipwarden(['run', '--', 'pip', ...w.installArgs, '--user', '-q'], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(''); // -q survived the rewrite
    expect(installedIn(venv, 'pwdemo')).toBe(true);
  });
});

describe('user = true in pip.conf inside a venv', () => {
  const python = pyenvPython('3.13');
  const noPython = needs('pyenv Python 3.13', python);
  it.skipIf(noPython)('is neutralised with PIP_USER=0, and the notice names the file', () => {
    const w = world();
    const venv = makeVenv(python as string, join(w.root, 'venv'));
    const conf = join(w.root, 'pip.conf');
    writeFileSync(conf, '[install]\nuser = true\n');
    const env = w.env({
      PATH: pathWith(join(venv, 'bin')),
      VIRTUAL_ENV: venv,
      PIP_CONFIG_FILE: conf,
    });

    const plan = JSON.parse(
      pipwarden(['explain', '--json', '--', 'pip', ...w.installArgs], { env }).stdout,
    );
    expect(plan.action).toBe('rewrite');
    expect(plan.env.set).toEqual({ PIP_USER: '0' });
    expect(plan.reasons[0].message).toContain(`${conf} [install]`);

    const r = pipwarden(['run', '--', 'python3', '-m', 'pip', ...w.installArgs], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(sitePackages(venv), 'pwdemo', '__init__.py'))).toBe(true);
  });
});
