import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipwarden } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON, pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { pathWith, world } from './fixtures.js';

const noDebianPython = needs('/usr/bin/python3', existsSync(DEBIAN_PYTHON));

const asRoot = process.getuid?.() === 0 && existsSync(DEBIAN_PYTHON);

const notRoot = needs('root and /usr/bin/python3', asRoot);

// pip skips its EXTERNALLY-MANAGED check for `install --dry-run --report`
// (installing_into_current_environment, pip 23.0.1 … 26.2.1): no warning,
// no refusal, no venv from pipwarden either.
describe.skipIf(noDebianPython)('PEP 668 exemption: --dry-run --report', () => {
  it('onExternallyManaged: venv creates no venv; the report is written by the system pip', () => {
    const w = world();
    const dir = join(w.root, 'project');
    mkdirSync(dir);
    writeFileSync(join(dir, 'pyproject.toml'), '[tool.pipwarden]\nonExternallyManaged = "venv"\n');
    const report = join(w.root, 'report.json');
    const env = w.env({ PATH: pathWith() });
    const args = ['python3', '-m', 'pip', ...w.installArgs, '--dry-run', '--report', report];
    const r = pipwarden(['run', '--', ...args], { env, cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('pipwarden:');
    expect(existsSync(join(dir, '.venv'))).toBe(false);
    expect(JSON.parse(readFileSync(report, 'utf8')).install[0].metadata.name).toBe('pwdemo');
  });

  it('the default (warn) says nothing for it', () => {
    const w = world();
    const env = w.env({ PATH: pathWith() });
    const args = ['python3', '-m', 'pip', 'install', '--dry-run', '--report', '-', 'x'];
    const plan = JSON.parse(pipwarden(['explain', '--json', '--', ...args], { env }).stdout);
    expect(plan.action).toBe('pass');
    expect(plan.notices).toEqual([]);
  });
});

// sudo with an active venv: the plan runs the venv's pip, so nothing lands
// in /usr and the "root-owned files into /usr" warning is wrong.
const py312 = pyenvPython('3.12');
const noPy312 = needs('pyenv Python 3.12', py312);
describe.skipIf(notRoot || noPy312)('sudo pip3 install with an active venv', () => {
  it('installs into the venv without the /usr warning', () => {
    const w = world();
    const venv = makeVenv(py312 as string, join(w.root, 'venv'));
    const env = w.env({ PATH: pathWith(), VIRTUAL_ENV: venv, SUDO_USER: 'alice' });
    const r = pipwarden(['run', '--', 'pip3', ...w.installArgs], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`installing into the active venv ${venv}, with its own pip`);
    expect(r.stderr).not.toContain('root-owned files');
    expect(installedIn(venv, 'pwdemo')).toBe(true);
  });
});

describe.skipIf(noPy312)('which pip is real, and which env is active', () => {
  // The sh shims skip every dir holding .pipwarden-shims; explain and run
  // must too, or they take D's own shim for the real pip.
  it('after rehash --dir D, explain and run skip D', () => {
    const w = world();
    const venv = makeVenv(py312 as string, join(w.root, 'venv'));
    const d = join(w.root, 'D');
    const env = w.env({ PATH: pathWith(d, join(venv, 'bin')) });
    expect(pipwarden(['rehash', '--dir', d], { env }).status).toBe(0);
    expect(existsSync(join(d, '.pipwarden-shims'))).toBe(true);
    const plan = JSON.parse(
      pipwarden(['explain', '--json', '--', 'pip', ...w.installArgs], { env }).stdout,
    );
    expect(plan.command[0]).toBe(join(venv, 'bin', 'pip'));
    const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(installedIn(venv, 'pwdemo')).toBe(true);
  });

  it('VIRTUAL_ENV spelled through a symlink is the same venv: no foreign-env rewrite', () => {
    const w = world();
    const venv = makeVenv(py312 as string, join(w.root, 'venv'));
    const link = join(w.root, 'link');
    symlinkSync(venv, link);
    const env = w.env({ PATH: pathWith(join(venv, 'bin')), VIRTUAL_ENV: link });
    const plan = JSON.parse(
      pipwarden(['explain', '--json', '--', 'pip', ...w.installArgs], { env }).stdout,
    );
    expect(plan.action).toBe('pass');
    expect(plan.notices).toEqual([]);
    const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(installedIn(venv, 'pwdemo')).toBe(true);
  });
});
