import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipwarden } from '../../helpers/cli.js';
import { hermeticEnv } from '../../helpers/env.js';
import { pyenvPython } from '../../helpers/pythons.js';
import { tempDir } from '../../helpers/tmp.js';
import { makeVenv } from '../../helpers/venv.js';
import { buildWheel } from '../../helpers/wheel.js';
import { fastVenv } from './fast-venv.js';

/** The interpreter the shell tests build their venvs from. */
export function basePython(): string {
  const p = pyenvPython('3.12') ?? pyenvPython('3.11');
  if (p === null) throw new Error('shell tests need a pyenv Python 3.11 or 3.12');
  return p;
}

export interface ShellWorld {
  root: string;
  home: string;
  shims: string;
  /** The test's "system" Python: a venv, so a "system" install lands where we can look. */
  sys: string;
  wheels: string;
  /** PATH: the shim dir, then `dirs`, then the "system" bin dir, /usr/bin and /bin. */
  path: (...dirs: string[]) => string;
  env: (extra?: Record<string, string | undefined>) => Record<string, string>;
  /** pip's arguments to install `pkg` from the test wheelhouse, offline. */
  installArgs: (pkg: string) => string;
  /** A fresh venv with pip, under the world's root. */
  venv: (name: string) => string;
  /** A conda-like prefix: a venv without pip, plus conda-meta/history. */
  condaPrefix: (name: string) => string;
}

/**
 * A hermetic world for a shell test: temp HOME, a "system" venv on PATH,
 * wheels for `pkgs`, and shims written by the built CLI's `rehash`.
 */
export function shellWorld(pkgs: string[]): ShellWorld {
  const root = tempDir('pipwarden-shell-');
  const home = join(root, 'home');
  const shims = join(root, 'shims');
  const wheels = join(root, 'wheels');
  mkdirSync(wheels, { recursive: true });
  for (const pkg of pkgs) buildWheel(wheels, pkg, '0.1');
  const sys = fastVenv(basePython(), join(root, 'sys'));
  const path = (...dirs: string[]) =>
    [shims, ...dirs, join(sys, 'bin'), '/usr/bin', '/bin'].join(':');
  const env = (extra: Record<string, string | undefined> = {}) =>
    hermeticEnv(home, {
      PATH: path(),
      PIPWARDEN_SHIM_DIR: shims,
      PIPWARDEN_CACHE_DIR: join(home, '.cache', 'pipwarden'),
      PIPWARDEN_ORG_CONFIG_DIR: join(root, 'etc-pipwarden'),
      ...extra,
    });
  const r = pipwarden(['rehash'], {
    env: env({ PATH: [join(sys, 'bin'), '/usr/bin', '/bin'].join(':') }),
  });
  if (r.status !== 0) throw new Error(`rehash failed: ${r.stderr}`);
  return {
    root,
    home,
    shims,
    sys,
    wheels,
    path,
    env,
    installArgs: (pkg) => `install --no-index --find-links ${wheels} ${pkg}`,
    venv: (name) => fastVenv(basePython(), join(root, name)),
    condaPrefix: (name) => {
      const prefix = makeVenv(basePython(), join(root, name), { withoutPip: true });
      mkdirSync(join(prefix, 'conda-meta'), { recursive: true });
      writeFileSync(join(prefix, 'conda-meta', 'history'), '');
      return prefix;
    },
  };
}
