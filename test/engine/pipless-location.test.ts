import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { makeWholeEnv, type WholeEnv } from '../helpers/whole-env.js';
import { pathWith, type World, world } from './fixtures.js';

// issue 17, defect 8: `python -m pip install --target DIR x` (or --prefix)
// in an env without pip fails "No module named pip", as it did alone.
// Another pip with --python installs to exactly that location, built for
// the env's python; the env itself and the other pip's own are untouched.
const py312 = pyenvPython('3.12'); // pip 23.2.1
const missing = needs('pyenv Python 3.12', py312);

describe.skipIf(missing)('an explicit location in a pip-less env', () => {
  let w: World;
  let env1: WholeEnv;
  let other: string;
  beforeAll(() => {
    w = world(mkdtempSync(join(tmpdir(), 'pipwarden-test-')));
    env1 = makeWholeEnv(py312 as string, join(w.root, 'envs', 'nopip'), { kind: 'conda' });
    other = makeVenv(py312 as string, join(w.root, 'other'));
  }, 300_000);
  afterAll(() => rmSync(w.root, { recursive: true, force: true }));

  const envVars = () =>
    w.env({ PATH: pathWith(join(env1.prefix, 'bin'), join(other, 'bin')), ...env1.activation });
  const install = (where: string[]) => [
    'install',
    ...where,
    '--no-index',
    '--find-links',
    w.wheels,
    'pwdemo',
  ];

  it('--target DIR: pip alone fails, pipwarden installs into DIR with another pip --python', () => {
    const env = envVars();
    const alone = join(w.root, 'alone');
    const direct = runCommand(['python', '-m', 'pip', ...install(['--target', alone])], { env });
    expect(direct.status).toBe(1);
    expect(direct.stderr).toContain('No module named pip');

    const dir = join(w.root, 'target');
    const r = pipwarden(['run', '--', 'python', '-m', 'pip', ...install(['--target', dir])], {
      env,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'pwdemo', '__init__.py'))).toBe(true);
    expect(r.stderr).toContain(`installs to the location given (--target ${dir})`);
    expect(r.stderr).not.toContain('installing into the active');
    expect(installedIn(env1.prefix, 'pwdemo')).toBe(false);
    expect(installedIn(other, 'pwdemo')).toBe(false);
  });

  it('--prefix P: lands under P for the env python (python3.12), nowhere else', () => {
    const env = envVars();
    const p = join(w.root, 'prefix');
    const r = pipwarden(['run', '--', 'python', '-m', 'pip', ...install([`--prefix=${p}`])], {
      env,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(p, 'lib', 'python3.12', 'site-packages', 'pwdemo', '__init__.py'))).toBe(
      true,
    );
    expect(installedIn(env1.prefix, 'pwdemo')).toBe(false);
    expect(installedIn(other, 'pwdemo')).toBe(false);
  });

  it('no pip that can serve: runs as typed and fails as pip alone does (no refusal of ours)', () => {
    const env = w.env({ PATH: pathWith(join(env1.prefix, 'bin')), ...env1.activation });
    const dir = join(w.root, 'target2');
    const x = pipwarden(
      ['explain', '--json', '--', 'python', '-m', 'pip', ...install(['--target', dir])],
      { env },
    );
    expect(JSON.parse(x.stdout).action).toBe('pass');
  });
});
