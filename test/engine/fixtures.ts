import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hermeticEnv, SYSTEM_PATH } from '../helpers/env.js';
import { tempDir } from '../helpers/tmp.js';
import { buildWheel } from '../helpers/wheel.js';

export interface World {
  root: string;
  home: string;
  wheels: string;
  /** pip args that install the test wheel offline. */
  installArgs: string[];
  env: (extra?: Record<string, string | undefined>) => Record<string, string>;
}

/**
 * A temp world: HOME, a wheelhouse with `pwdemo`, and a hermetic env builder.
 * `root` for a world shared by a file's tests (made in beforeAll, removed by the caller).
 */
export function world(root: string = tempDir()): World {
  const home = join(root, 'home');
  const wheels = join(root, 'wheels');
  mkdirSync(wheels, { recursive: true });
  buildWheel(wheels);
  return {
    root,
    home,
    wheels,
    installArgs: ['install', '--no-index', '--find-links', wheels, 'pwdemo'],
    env: (extra = {}) =>
      hermeticEnv(home, {
        PIPWARDEN_CACHE_DIR: join(home, '.cache', 'pipwarden'),
        PIPWARDEN_SHIM_DIR: join(root, 'shims'),
        PIPWARDEN_ORG_CONFIG_DIR: join(root, 'etc-pipwarden'),
        ...extra,
      }),
  };
}

/** PATH with these bin dirs first, then the system dirs. */
export function pathWith(...dirs: string[]): string {
  return [...dirs, SYSTEM_PATH].join(':');
}

/** Turn a venv made --without-pip into a conda-like (or pixi-like) prefix. */
export function markConda(prefix: string, pixi = false): void {
  mkdirSync(join(prefix, 'conda-meta'), { recursive: true });
  writeFileSync(join(prefix, 'conda-meta', 'history'), '');
  if (pixi) writeFileSync(join(prefix, 'conda-meta', 'pixi'), '{}\n');
}
