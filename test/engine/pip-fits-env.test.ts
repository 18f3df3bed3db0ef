import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { buildWheel } from '../helpers/wheel.js';
import { makeWholeEnv, type WholeEnv } from '../helpers/whole-env.js';
import { pathWith, type World, world } from './fixtures.js';

// issue 17, defect 6: `pip --python <env python>` runs pip's own code under
// the env's python. pip 23.0.1 crashes there on 3.12+ (its vendored
// pkg_resources needs pkgutil.ImpImporter), pip 24.2 refuses 3.7 (its
// Requires-Python is >=3.8). pipwarden picks a pip that runs there, or
// refuses with the step that gives the env a pip.
const py310 = pyenvPython('3.10'); // pip 23.0.1, Requires-Python >=3.7
const py312 = pyenvPython('3.12'); // pip 23.2.1, Requires-Python >=3.7
const py313 = pyenvPython('3.13'); // pip 24.2, Requires-Python >=3.8
const py37 = pyenvPython('3.7');
const missing =
  needs('pyenv Python 3.10', py310) ||
  needs('pyenv Python 3.12', py312) ||
  needs('pyenv Python 3.13', py313) ||
  needs('pyenv Python 3.7', py37);

describe.skipIf(missing)('the pip that --python runs must run under the env python', () => {
  let w: World;
  let pip23: string; // a venv of 3.10: pip 23.0.1
  let pip232: string; // a venv of 3.12: pip 23.2.1
  let pip24: string; // a venv of 3.13: pip 24.2
  let env313: WholeEnv;
  let env37: WholeEnv;

  beforeAll(() => {
    w = world(mkdtempSync(join(tmpdir(), 'pipwarden-test-')));
    pip23 = makeVenv(py310 as string, join(w.root, 'pip23'));
    pip232 = makeVenv(py312 as string, join(w.root, 'pip232'));
    pip24 = makeVenv(py313 as string, join(w.root, 'pip24'));
    buildWheel(w.wheels, 'pwother');
    env313 = makeWholeEnv(py313 as string, join(w.root, 'envs', 'e313'), { kind: 'pixi' });
    env37 = makeWholeEnv(py37 as string, join(w.root, 'envs', 'e37'), { kind: 'conda' });
  }, 300_000);
  afterAll(() => rmSync(w.root, { recursive: true, force: true }));

  it('pip 23.0.1 into a 3.13 env and no pip that runs there: refused with the next step, nothing installed', () => {
    const env = w.env({ PATH: pathWith(join(pip23, 'bin')), ...env313.activation });
    const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env });
    expect(r.stderr).not.toContain('AttributeError');
    expect(r.status, r.stderr).toBe(77);
    expect(r.stderr).toContain('next: pixi add pip');
    expect(installedIn(env313.prefix, 'pwdemo')).toBe(false);
    expect(installedIn(pip23, 'pwdemo')).toBe(false);
  });

  it('pip 23.0.1 into a 3.13 env: a pip that runs on 3.13 (23.2.1, later on PATH) installs into the env', () => {
    const env = w.env({
      PATH: pathWith(join(pip23, 'bin'), join(pip232, 'bin')),
      ...env313.activation,
    });
    const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('AttributeError');
    expect(installedIn(env313.prefix, 'pwdemo')).toBe(true);
    expect(installedIn(pip23, 'pwdemo')).toBe(false);
    expect(installedIn(pip232, 'pwdemo')).toBe(false);
  });

  it('pip 24.2 into a 3.7 env: a pip whose Requires-Python admits 3.7 (23.0.1) installs into the env', () => {
    const env = w.env({
      PATH: pathWith(join(pip24, 'bin'), join(pip23, 'bin')),
      ...env37.activation,
    });
    const direct = runCommand(['pip', '--python', env37.python, 'install', '--dry-run', 'x'], {
      env,
    });
    expect(direct.stderr).toContain('does not support python 3.7');
    const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('does not support');
    expect(installedIn(env37.prefix, 'pwdemo')).toBe(true);
    expect(installedIn(pip24, 'pwdemo')).toBe(false);
    expect(installedIn(pip23, 'pwdemo')).toBe(false);
  });

  it('python3 -m pip in a pip-less 3.13 env: skips pip 23.0.1, uses 23.2.1', () => {
    const env = w.env({
      PATH: pathWith(join(env313.prefix, 'bin'), join(pip23, 'bin'), join(pip232, 'bin')),
      ...env313.activation,
    });
    const args = ['install', '--no-index', '--find-links', w.wheels, 'pwother'];
    const r = pipwarden(['run', '--', 'python3', '-m', 'pip', ...args], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('AttributeError');
    expect(installedIn(env313.prefix, 'pwother')).toBe(true);
    expect(installedIn(pip23, 'pwother')).toBe(false);
    expect(installedIn(pip232, 'pwother')).toBe(false);
  });
});
