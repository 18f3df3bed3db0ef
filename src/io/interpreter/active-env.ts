import { readdirSync, realpathSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Env } from '../../core/env.js';
import type { ActiveEnv, PixiProject } from '../../core/facts.js';
import { exists, isDir, isExecutableFile, samePlace } from '../fs-checks.js';
import { findOnPath } from './which.js';

const PIXI_VARS = ['PIXI_ENVIRONMENT_NAME', 'PIXI_PROJECT_ROOT', 'PIXI_IN_SHELL'] as const;

/**
 * The environment the user activated. VIRTUAL_ENV wins over CONDA_PREFIX
 * when both are set: `activate` puts the venv's bin first on PATH, so that is
 * what `python` and `pip` most likely are (uv decides the same way).
 * A variable pointing at a directory that no longer exists is ignored.
 */
export function detectActiveEnv(env: Env): ActiveEnv | null {
  const venv = env.VIRTUAL_ENV;
  if (venv && isDir(venv)) {
    const prefix = resolve(venv);
    return {
      kind: 'venv',
      prefix,
      realPrefix: real(prefix),
      source: 'VIRTUAL_ENV',
      ...tools(prefix),
      isCondaBase: false,
    };
  }
  const conda = env.CONDA_PREFIX;
  if (conda && isDir(conda)) {
    const prefix = resolve(conda);
    const pixiVars = PIXI_VARS.filter((v) => env[v]);
    const pixi = exists(join(prefix, 'conda-meta', 'pixi')) || pixiVars.length > 0;
    return {
      kind: pixi ? 'pixi' : 'conda',
      prefix,
      realPrefix: real(prefix),
      source: ['CONDA_PREFIX', ...pixiVars].join('+'),
      ...tools(prefix),
      // Pixi never makes a base env, and names project envs "default".
      isCondaBase: !pixi && isCondaBase(prefix, env),
      ...(pixi ? { pixi: pixiProject(env) } : {}),
    };
  }
  return null;
}

/**
 * The pixi project behind the active env, as its activation exported it,
 * and pixi itself. Only absolute PATH entries are searched: a relative one
 * (or an empty one, the cwd) would find a `pixi` the cwd's tree supplies,
 * and pipwarden never runs a file the tree supplies (docs/security.md).
 */
function pixiProject(env: Env): PixiProject {
  const absolute = (v: string | undefined) => (v && isAbsolute(v) ? v : null);
  const path = (env.PATH ?? '').split(':').filter((d) => isAbsolute(d));
  return {
    root: absolute(env.PIXI_PROJECT_ROOT),
    manifest: absolute(env.PIXI_PROJECT_MANIFEST),
    environment: env.PIXI_ENVIRONMENT_NAME || null,
    exe: path.length > 0 ? findOnPath('pixi', path.join(':'), { exclude: [] }) : null,
  };
}

/** uv's heuristics for a conda base (root) env, plus the condabin dir only a base install has. */
export function isCondaBase(prefix: string, env: Env): boolean {
  const name = env.CONDA_DEFAULT_ENV;
  if (name === 'base' || name === 'root') return true;
  for (const root of [env._CONDA_ROOT, env.CONDA_ROOT]) {
    if (root && samePlace(root, prefix)) return true;
  }
  return isDir(join(prefix, 'condabin'));
}

function tools(prefix: string): Pick<ActiveEnv, 'python' | 'pip' | 'pythonVersions'> {
  const first = (names: string[]) =>
    names.map((n) => join(prefix, 'bin', n)).find(isExecutableFile) ?? null;
  return {
    python: first(['python', 'python3']),
    pip: first(['pip', 'pip3']),
    pythonVersions: pythonVersions(join(prefix, 'bin')),
  };
}

/** `3.12` for each `python3.12` in the env's bin dir: which versioned names it answers to. */
function pythonVersions(bin: string): string[] {
  try {
    return readdirSync(bin)
      .map((n) => /^python(\d+\.\d+)$/.exec(n)?.[1])
      .filter((v): v is string => v !== undefined)
      .sort();
  } catch {
    return [];
  }
}

/**
 * The prefix through symlinks, so `VIRTUAL_ENV=~/link-to-venv` is the venv
 * python reports; undefined when it is the prefix itself.
 */
function real(prefix: string): string | undefined {
  try {
    const r = realpathSync(prefix);
    return r === prefix ? undefined : r;
  } catch {
    return undefined;
  }
}
