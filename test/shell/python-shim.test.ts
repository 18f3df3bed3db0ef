import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
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
  it('doctor names it and says pipwarden rehash --follow; with the follow dir on PATH python -m pip is routed', () => {
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
    const missing = doctor.stdout.match(
      /warn (\d+) commands on PATH with no shim in .*, so they run without pipwarden: (.*)\n\s+next: pipwarden rehash --follow ([^(]*) \(the prompt hook/,
    );
    expect(missing, doctor.stdout).not.toBeNull();
    expect(missing?.[2]).toContain(`${join(tool, 'bin')}/python,`);
    const names = (missing?.[3] ?? '').trim().split(' ');
    expect(names).toContain('python');

    // What the hook runs at the next prompt; this shell has no hook to put the dirs on PATH.
    expect(
      runCommand([pipwarden, 'rehash', '--follow', ...names], { env, cwd: m.root }).status,
    ).toBe(0);
    doctor = runCommand([pipwarden, 'doctor'], { env, cwd: m.root });
    expect(doctor.stdout).not.toMatch(/all current/);
    expect(doctor.stdout).toMatch(/whose follow shim in .*\.follow is not on this PATH/);
    expect(doctor.stdout).toMatch(
      /next: the prompt hook puts follow shims on PATH: open a new shell/,
    );

    // The PATH the hook makes: each follow dir right after the shim dir.
    const follow = names.map((n) => join(m.shims, '.follow', n));
    env.PATH = `${m.shims}:${follow.join(':')}:${join(tool, 'bin')}:/usr/bin:/bin`;
    doctor = runCommand([pipwarden, 'doctor'], { env, cwd: m.root });
    expect(doctor.stdout).toMatch(/ok +\d+ shims in .*, all current/);
    // What the follow shim hands over to: the real python past every shim dir.
    expect(doctor.stdout).toContain(`caught by the shim; runs ${join(tool, 'bin')}/python\n`);
    // No main python shim: a shell without python still has none.
    expect(existsSync(join(m.shims, 'python'))).toBe(false);
    const r = runCommand(pipInstall, { env, cwd: m.root });
    expect(r.status, r.stderr).toBe(78);
    expect(installedIn(tool, 'pwpy')).toBe(false);
  });
});
