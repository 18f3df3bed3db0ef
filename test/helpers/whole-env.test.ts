import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hermeticEnv } from './env.js';
import { needs } from './prereq.js';
import { pyenvPython } from './pythons.js';
import { tempDir } from './tmp.js';
import { installedIn } from './venv.js';
import { buildWheel } from './wheel.js';
import { isWholeInterpreter, makeWholeEnv } from './whole-env.js';

const py = pyenvPython('3.12');

describe.skipIf(needs('pyenv Python 3.12', py))(
  'makeWholeEnv: a conda-like env is a whole interpreter',
  () => {
    it('is its own prefix, accepts --user as pip alone does, and installs into itself without it', () => {
      const root = tempDir();
      const home = join(root, 'home');
      const wheels = join(root, 'wheels');
      mkdirSync(wheels, { recursive: true });
      buildWheel(wheels);
      const env = makeWholeEnv(py as string, join(root, 'envs', 'ds'), { pip: true });
      expect(isWholeInterpreter(env.python)).toBe(true);
      const prefix = execFileSync(env.python, ['-c', 'import sys; print(sys.prefix)'], {
        encoding: 'utf8',
      }).trim();
      expect(prefix).toBe(env.prefix);
      expect(existsSync(join(env.prefix, 'conda-meta', 'history'))).toBe(true);

      const vars = hermeticEnv(home, env.activation);
      const install = ['install', '--no-index', '--find-links', wheels, 'pwdemo'];
      execFileSync(join(env.prefix, 'bin', 'pip'), [...install, '--user', '-q'], { env: vars });
      expect(
        existsSync(join(home, '.local', 'lib', `python${env.minor}`, 'site-packages', 'pwdemo')),
      ).toBe(true);
      expect(installedIn(env.prefix, 'pwdemo')).toBe(false);

      execFileSync(env.python, ['-m', 'pip', ...install, '-q', '--ignore-installed'], {
        env: vars,
      });
      expect(installedIn(env.prefix, 'pwdemo')).toBe(true);
    });

    it('without pip, has no pip module', () => {
      const root = tempDir();
      const env = makeWholeEnv(py as string, join(root, 'px', '.pixi', 'envs', 'default'), {
        kind: 'pixi',
      });
      expect(env.activation.PIXI_PROJECT_ROOT).toBe(join(root, 'px'));
      expect(existsSync(join(env.prefix, 'conda-meta', 'pixi'))).toBe(true);
      expect(() =>
        execFileSync(env.python, ['-c', 'import pip'], {
          stdio: 'pipe',
          env: hermeticEnv(join(root, 'home')),
        }),
      ).toThrow(/No module named/);
    });
  },
);
