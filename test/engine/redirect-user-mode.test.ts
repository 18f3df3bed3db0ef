import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { pathWith, world } from './fixtures.js';

// When the plan hands an install to an active env (its own pip, or
// `--python <env python>`), user mode must not come along: the env's pip
// refuses "Can not perform a '--user' install. User site-packages are not
// visible in this virtualenv", although the user's own call (pip3.12 of the
// base interpreter, into ~/.local) would have completed.
const py = pyenvPython('3.12');
const noPy = needs('pyenv Python 3.12', py);
const base = py ? dirname(py) : '';

describe.skipIf(noPy)('a redirect into the active env turns user mode off', () => {
  const userSite = (home: string) => join(home, '.local', 'lib', 'python3.12', 'site-packages');

  it.each([
    { how: '--user on the command line', extra: ['--user'], vars: {} },
    // pip stores PIP_NO_USER=1 as user = True (strtobool on a store_false
    // option), and a later PIP_USER=0 in os.environ would not beat it.
    { how: 'PIP_NO_USER=1', extra: [], vars: { PIP_NO_USER: '1' } },
  ])(
    '$how: pip alone completes into ~/.local; pipwarden installs into the venv',
    ({ extra, vars }) => {
      const w = world();
      const venv = makeVenv(py as string, join(w.root, 'venv'));
      const env = w.env({ PATH: pathWith(base), VIRTUAL_ENV: venv, ...vars });

      const direct = runCommand(['pip3.12', ...w.installArgs, ...extra], { env });
      expect(direct.status, direct.stderr).toBe(0);
      expect(existsSync(join(userSite(w.home), 'pwdemo', '__init__.py'))).toBe(true);
      runCommand(['pip3.12', 'uninstall', '-y', 'pwdemo'], { env });
      expect(existsSync(join(userSite(w.home), 'pwdemo'))).toBe(false);

      const r = pipwarden(['run', '--', 'pip3.12', ...w.installArgs, ...extra], { env });
      expect(r.stderr).not.toContain("Can not perform a '--user' install");
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/with its own pip; user mode \(.*\) is turned off/);
      expect(installedIn(venv, 'pwdemo')).toBe(true);
      expect(existsSync(join(userSite(w.home), 'pwdemo'))).toBe(false);
    },
  );

  it('a pip-less venv reached through --python: PIP_USER=1 is turned off too', () => {
    const w = world();
    const venv = makeVenv(py as string, join(w.root, 'venv'), { withoutPip: true });
    const env = w.env({ PATH: pathWith(base), VIRTUAL_ENV: venv, PIP_USER: '1' });
    const plan = JSON.parse(
      pipwarden(['explain', '--json', '--', 'pip3.12', ...w.installArgs], { env }).stdout,
    );
    expect(plan.command.slice(1, 3)).toEqual(['--python', join(venv, 'bin', 'python')]);
    expect(plan.env.set).toEqual({ PIP_USER: '0' });

    const r = pipwarden(['run', '--', 'pip3.12', ...w.installArgs], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(installedIn(venv, 'pwdemo')).toBe(true);
    expect(existsSync(join(userSite(w.home), 'pwdemo'))).toBe(false);
  });
});

describe.skipIf(noPy)('PIP_NO_USER inside a venv (userInVenv)', () => {
  it('PIP_NO_USER=1 and PIP_no_user=yes are unset along with PIP_USER=0, so the venv install holds', () => {
    const w = world();
    const venv = makeVenv(py as string, join(w.root, 'venv'));
    const env = w.env({
      PATH: pathWith(join(venv, 'bin')),
      VIRTUAL_ENV: venv,
      PIP_NO_USER: '1',
      PIP_no_user: 'yes',
    });
    const direct = runCommand(['pip', ...w.installArgs], { env });
    expect(direct.stderr).toMatch(/User site-packages are not visible in this virtualenv/);

    const plan = JSON.parse(
      pipwarden(['explain', '--json', '--', 'pip', ...w.installArgs], { env }).stdout,
    );
    expect(plan.env).toEqual({ set: { PIP_USER: '0' }, unset: ['PIP_NO_USER', 'PIP_no_user'] });
    const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(installedIn(venv, 'pwdemo')).toBe(true);
  });
});
