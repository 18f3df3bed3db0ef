import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/cli.js';
import { installedIn } from '../helpers/venv.js';
import { buildWheel } from '../helpers/wheel.js';
import { fastVenv } from './support/fast-venv.js';
import { installMachine as machine } from './support/install-machine.js';
import { basePython } from './support/world.js';

// ./install.sh from a shell whose PATH had python3 but no python (Debian's
// /usr/bin) writes no `python` shim. Later a PATH with a `python` (pyenv,
// an activated tool env) runs `python -m pip` without pipwarden: doctor
// must say so, with the step that fixes it, instead of "all current".

describe('a python on PATH that the shims do not cover', () => {
  it('doctor names it and says pipwarden rehash; after that python -m pip is routed', () => {
    const m = machine();
    const base = { ...m.env, PATH: '/usr/bin:/bin' };
    const install = runCommand(['sh', join(m.checkout, 'install.sh'), '--yes'], {
      env: base,
      cwd: m.root,
    });
    expect(install.status, install.stderr).toBe(0);
    const pipwarden = join(m.home, '.local', 'bin', 'pipwarden');
    // A pyenv-like dir with python, python3 and pip, behind the shim dir.
    const tool = fastVenv(basePython(), join(m.root, 'tool'));
    const env = { ...m.env, PATH: `${m.shims}:${join(tool, 'bin')}:/usr/bin:/bin` };
    const wheels = join(m.root, 'wheels');
    mkdirSync(wheels);
    buildWheel(wheels, 'pwpy', '0.1');
    // A config only the engine reads: a routed install stops with 78.
    mkdirSync(join(m.home, '.config', 'pipwarden'), { recursive: true });
    writeFileSync(join(m.home, '.config', 'pipwarden', 'config.yaml'), 'onNotWritable: usr\n');
    const pipInstall = [
      'python',
      '-m',
      'pip',
      'install',
      '--no-index',
      '--find-links',
      wheels,
      'pwpy',
    ];

    let doctor = runCommand([pipwarden, 'doctor'], { env, cwd: m.root });
    expect(doctor.stdout).not.toMatch(/all current/);
    expect(doctor.stdout).toContain(
      `warn 3 commands on PATH with no shim in ${m.shims}, so they run without pipwarden: `,
    );
    expect(doctor.stdout).toContain(`${join(tool, 'bin')}/python,`);
    expect(doctor.stdout).toMatch(/\n\s+next: pipwarden rehash\n/);

    expect(runCommand([pipwarden, 'rehash'], { env, cwd: m.root }).status).toBe(0);
    doctor = runCommand([pipwarden, 'doctor'], { env, cwd: m.root });
    expect(doctor.stdout).toMatch(/ok +\d+ shims in .*, all current/);
    const r = runCommand(pipInstall, { env, cwd: m.root });
    expect(r.status, r.stderr).toBe(78);
    expect(installedIn(tool, 'pwpy')).toBe(false);
  });
});
