import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { makeWholeEnv, type WholeEnv } from '../helpers/whole-env.js';
import { pathWith, type World, world } from './fixtures.js';

// User mode set once for every install (PIP_USER=1, pip.conf `user = true`)
// meets --target or --prefix typed on this command line: pip alone refuses
// the pair ("Can not combine '--user' and '--target'"), and the differential
// test classed those calls "missed". The typed location wins, user mode is
// off for this call (onUserWithLocation: location, the default).
const py312 = pyenvPython('3.12'); // pip 23.2.1
const missing = needs('pyenv Python 3.12', py312);

describe.skipIf(missing)(
  'user mode from the environment or pip.conf with --target/--prefix',
  () => {
    let w: World;
    let venv: string;
    let pipless: WholeEnv;
    let conf: string;
    beforeAll(() => {
      w = world(mkdtempSync(join(tmpdir(), 'pipwarden-test-')));
      venv = makeVenv(py312 as string, join(w.root, 'venv'));
      pipless = makeWholeEnv(py312 as string, join(w.root, 'envs', 'nopip'), { kind: 'conda' });
      conf = join(w.root, 'pip.conf');
      writeFileSync(conf, '[install]\nuser = true\n');
    }, 300_000);
    afterAll(() => rmSync(w.root, { recursive: true, force: true }));

    // world()'s install of pwdemo, with the location options after `install`.
    const install = (...where: string[]) => ['install', ...where, ...w.installArgs.slice(1)];
    const inVenv = (extra: Record<string, string> = {}) =>
      w.env({ PATH: pathWith(join(venv, 'bin')), ...extra });
    const landed = (dir: string) => existsSync(join(dir, 'pwdemo', '__init__.py'));
    const underPrefix = (p: string) => landed(join(p, 'lib', 'python3.12', 'site-packages'));

    it('PIP_USER=1 with --target: pip alone refuses, pipwarden installs into the target and says so', () => {
      const env = inVenv({ PIP_USER: '1' });
      const alone = join(w.root, 'alone-target');
      const direct = runCommand(['pip', ...install('--target', alone)], { env });
      expect(direct.status).toBe(1);
      expect(direct.stderr).toContain("Can not combine '--user' and '--target'");

      const dir = join(w.root, 'target');
      const r = pipwarden(['run', '--', 'pip', ...install('--target', dir)], { env });
      expect(r.status, r.stderr).toBe(0);
      expect(landed(dir)).toBe(true);
      expect(r.stderr).toContain(
        `pipwarden: installing into --target ${dir}, not the user site: user mode (PIP_USER in the environment) is turned off`,
      );
      expect(installedIn(venv, 'pwdemo')).toBe(false);
    });

    it('pip.conf user = true with --isolated and --prefix=P: --no-user on the command line, lands under P', () => {
      const env = inVenv({ PIP_CONFIG_FILE: conf });
      const p = join(w.root, 'prefix');
      const argv = ['python', '-m', 'pip', '--isolated', ...install(`--prefix=${p}`)];
      const direct = runCommand(argv, { env: { ...env, PIP_CONFIG_FILE: conf } });
      expect(direct.status).toBe(1);
      expect(direct.stderr).toContain("Can not combine '--user' and '--prefix'");

      const x = pipwarden(['explain', '--json', '--', ...argv], { env });
      expect(JSON.parse(x.stdout).command.slice(-1)).toEqual(['--no-user']);
      const r = pipwarden(['run', '--', ...argv], { env });
      expect(r.status, r.stderr).toBe(0);
      expect(underPrefix(p)).toBe(true);
      expect(r.stderr).toContain(`user mode (${conf} [install]) is turned off`);
    });

    it('--user typed with --target is left to pip: the user asked for both', () => {
      const env = inVenv();
      const dir = join(w.root, 'both');
      const r = pipwarden(['run', '--', 'pip', ...install('--user', '--target', dir)], { env });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("Can not combine '--user' and '--target'");
      expect(r.stderr).not.toContain('pipwarden:');
      expect(landed(dir)).toBe(false);
    });

    it('onUserWithLocation: pip runs the call as typed, and pip refuses it as alone', () => {
      const env = inVenv({ PIP_USER: '1', PIPWARDEN_ON_USER_WITH_LOCATION: 'pip' });
      const dir = join(w.root, 'as-typed');
      const x = pipwarden(['explain', '--json', '--', 'pip', ...install('--target', dir)], { env });
      expect(JSON.parse(x.stdout).action).toBe('pass');
      const r = pipwarden(['run', '--', 'pip', ...install('--target', dir)], { env });
      expect(r.status).toBe(1);
      expect(landed(dir)).toBe(false);
    });

    it('a pip-less conda env, PIP_USER=1, python -m pip --target: another pip --python, user mode off', () => {
      const env = w.env({
        PATH: pathWith(join(pipless.prefix, 'bin'), join(venv, 'bin')),
        ...pipless.activation,
        PIP_USER: '1',
      });
      const dir = join(w.root, 'pipless-target');
      const r = pipwarden(['run', '--', 'python', '-m', 'pip', ...install('--target', dir)], {
        env,
      });
      expect(r.status, r.stderr).toBe(0);
      expect(landed(dir)).toBe(true);
      expect(installedIn(pipless.prefix, 'pwdemo')).toBe(false);
      expect(underPrefix(join(w.home, '.local'))).toBe(false);
    });
  },
);
