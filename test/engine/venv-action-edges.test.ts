import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN, pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON, pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { markConda, pathWith, world } from './fixtures.js';

function project(root: string, toml: string): string {
  const dir = join(root, 'project');
  mkdirSync(dir);
  writeFileSync(join(dir, 'pyproject.toml'), `[tool.pipwarden]\n${toml}\n`);
  return dir;
}

// onNoEnv: venv with `pip uninstall`: a venv pipwarden just created holds
// nothing to uninstall. The call goes to pip as typed.
const py312 = pyenvPython('3.12');
const noPy312 = needs('pyenv Python 3.12', py312);
describe.skipIf(noPy312)('onNoEnv: venv and pip uninstall', () => {
  it('uninstalls where pip would, and creates no venv', () => {
    const w = world();
    // A conda base env stands in for "no env" (condaBase: false).
    const base = makeVenv(py312 as string, join(w.root, 'base'));
    markConda(base);
    mkdirSync(join(base, 'condabin'));
    const env = w.env({
      PATH: pathWith(join(base, 'bin')),
      CONDA_PREFIX: base,
      CONDA_DEFAULT_ENV: 'base',
    });
    expect(runCommand(['pip', ...w.installArgs], { env }).status).toBe(0);
    expect(installedIn(base, 'pwdemo')).toBe(true);
    const dir = project(w.root, 'onNoEnv = "venv"');

    const r = pipwarden(['run', '--', 'pip', 'uninstall', '-y', 'pwdemo'], { env, cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('nothing to uninstall there');
    expect(existsSync(join(dir, '.venv'))).toBe(false);
    expect(installedIn(base, 'pwdemo')).toBe(false);
  });
});

// Debian's python3 without python3-venv: `python3 -m venv` stops in
// ensurepip after writing pyvenv.cfg and bin/python. Reproduced with the
// real /usr/bin/python3, its ensurepip hidden under a tmpfs in a private
// mount namespace. Every later call used to "install into the venv" and
// fail with "No module named pip".
const canUnshare = process.getuid?.() === 0 && existsSync(DEBIAN_PYTHON);
const noUnshare = needs('root (unshare) and /usr/bin/python3', canUnshare);
describe.skipIf(noUnshare)('a half-created venv (ensurepip missing)', () => {
  it('a later install goes into it with pip --python, and says how to repair it', () => {
    const w = world();
    const dir = project(w.root, 'onExternallyManaged = "venv"');
    const env = w.env({ PATH: pathWith() });
    const ensurepip = '/usr/lib/python3.11/ensurepip';
    const first = runCommand(
      [
        'unshare',
        '-m',
        'sh',
        '-c',
        `mount -t tmpfs none ${ensurepip} && exec "$@"`,
        'sh',
        process.execPath,
        MAIN,
        'run',
        '--',
        'python3',
        '-m',
        'pip',
        ...w.installArgs,
      ],
      { env, cwd: dir },
    );
    expect(first.status).not.toBe(0);
    expect(first.stdout + first.stderr).toContain('ensurepip is not');
    const venv = join(dir, '.venv');
    expect(existsSync(join(venv, 'pyvenv.cfg'))).toBe(true);
    expect(existsSync(join(venv, 'bin', 'pip'))).toBe(false);

    const r = pipwarden(['run', '--', 'python3', '-m', 'pip', ...w.installArgs], { env, cwd: dir });
    expect(r.stderr).not.toContain('No module named pip');
    expect(r.stderr).toContain(`the venv ${venv} has no pip`);
    expect(r.stderr).toContain(`rm -rf ${venv} && /usr/bin/python3 -m venv ${venv}`);
    expect(r.status, r.stderr).toBe(0);
    expect(installedIn(venv, 'pwdemo')).toBe(true);
  });
});
