import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { detectActiveEnv } from '../../src/io/interpreter/active-env.js';
import { pyenvPython } from '../helpers/pythons.js';
import { tempDir } from '../helpers/tmp.js';
import { makeVenv } from '../helpers/venv.js';

function condaLike(marker?: 'pixi' | 'condabin'): string {
  const prefix = join(tempDir(), 'env');
  mkdirSync(join(prefix, 'conda-meta'), { recursive: true });
  mkdirSync(join(prefix, 'bin'));
  writeFileSync(join(prefix, 'conda-meta', 'history'), '');
  writeFileSync(join(prefix, 'bin', 'python3'), '#!/bin/sh\n', { mode: 0o755 });
  if (marker === 'pixi') writeFileSync(join(prefix, 'conda-meta', 'pixi'), '');
  if (marker === 'condabin') mkdirSync(join(prefix, 'condabin'));
  return prefix;
}

describe('detectActiveEnv', () => {
  test('VIRTUAL_ENV: a venv with its python and pip', () => {
    const py = pyenvPython('3.12');
    if (py === null) throw new Error('pyenv 3.12 missing');
    const venv = makeVenv(py, join(tempDir(), 'v'));
    expect(detectActiveEnv({ VIRTUAL_ENV: venv })).toEqual({
      kind: 'venv',
      prefix: venv,
      source: 'VIRTUAL_ENV',
      python: join(venv, 'bin', 'python'),
      pip: join(venv, 'bin', 'pip'),
      isCondaBase: false,
      pythonVersions: ['3.12'],
    });
  });

  test('VIRTUAL_ENV wins over CONDA_PREFIX', () => {
    const venv = tempDir();
    const conda = condaLike();
    const env = detectActiveEnv({ VIRTUAL_ENV: venv, CONDA_PREFIX: conda });
    expect(env?.kind).toBe('venv');
    expect(env?.prefix).toBe(venv);
    expect(env?.python).toBeNull(); // python falls back to python3, then null
  });

  test('a stale VIRTUAL_ENV (dir gone) is ignored', () => {
    const conda = condaLike();
    expect(detectActiveEnv({ VIRTUAL_ENV: '/nonexistent/venv', CONDA_PREFIX: conda })?.kind).toBe(
      'conda',
    );
    expect(detectActiveEnv({ VIRTUAL_ENV: '/nonexistent/venv' })).toBeNull();
  });

  test('CONDA_PREFIX: conda, with python3 when there is no python, and no pip', () => {
    const conda = condaLike();
    expect(detectActiveEnv({ CONDA_PREFIX: conda, CONDA_DEFAULT_ENV: 'env' })).toEqual({
      kind: 'conda',
      prefix: conda,
      source: 'CONDA_PREFIX',
      python: join(conda, 'bin', 'python3'),
      pip: null,
      isCondaBase: false,
      pythonVersions: [],
    });
  });

  test.each([
    [
      'CONDA_DEFAULT_ENV=base',
      (p: string) => ({ CONDA_PREFIX: p, CONDA_DEFAULT_ENV: 'base' }),
      undefined,
    ],
    [
      'CONDA_DEFAULT_ENV=root',
      (p: string) => ({ CONDA_PREFIX: p, CONDA_DEFAULT_ENV: 'root' }),
      undefined,
    ],
    [
      '_CONDA_ROOT equals the prefix',
      (p: string) => ({ CONDA_PREFIX: p, _CONDA_ROOT: `${p}/` }),
      undefined,
    ],
    [
      'CONDA_ROOT equals the prefix',
      (p: string) => ({ CONDA_PREFIX: p, CONDA_ROOT: p }),
      undefined,
    ],
    ['a condabin dir', (p: string) => ({ CONDA_PREFIX: p }), 'condabin' as const],
  ])('conda base: %s', (_name, env, marker) => {
    const prefix = condaLike(marker);
    expect(detectActiveEnv(env(prefix))?.isCondaBase).toBe(true);
  });

  test('pixi: conda-meta/pixi, or a PIXI_* variable; never a conda base', () => {
    const marked = condaLike('pixi');
    expect(detectActiveEnv({ CONDA_PREFIX: marked, CONDA_DEFAULT_ENV: 'base' })).toMatchObject({
      kind: 'pixi',
      source: 'CONDA_PREFIX',
      isCondaBase: false,
    });
    for (const v of ['PIXI_ENVIRONMENT_NAME', 'PIXI_PROJECT_ROOT', 'PIXI_IN_SHELL']) {
      const prefix = condaLike();
      expect(detectActiveEnv({ CONDA_PREFIX: prefix, [v]: '1' })).toMatchObject({
        kind: 'pixi',
        source: `CONDA_PREFIX+${v}`,
      });
    }
  });

  test('pixi: the project from its activation, and pixi on the absolute PATH entries only', () => {
    const prefix = condaLike('pixi');
    const bin = tempDir();
    writeFileSync(join(bin, 'pixi'), '#!/bin/sh\n', { mode: 0o755 });
    const env = {
      CONDA_PREFIX: prefix,
      PIXI_PROJECT_ROOT: '/work/proj',
      PIXI_PROJECT_MANIFEST: '/work/proj/pixi.toml',
      PIXI_ENVIRONMENT_NAME: 'default',
    };
    expect(detectActiveEnv({ ...env, PATH: `/nonexistent:${bin}` })?.pixi).toEqual({
      root: '/work/proj',
      manifest: '/work/proj/pixi.toml',
      environment: 'default',
      exe: join(bin, 'pixi'),
    });
    // A relative entry is the cwd's tree: a pixi there is never the one run.
    const rel = relative(process.cwd(), bin);
    expect(detectActiveEnv({ ...env, PATH: `${rel}::.` })?.pixi?.exe).toBeNull();
    // Relative project variables are not the activation's.
    expect(
      detectActiveEnv({
        CONDA_PREFIX: prefix,
        PIXI_PROJECT_ROOT: 'proj',
        PIXI_PROJECT_MANIFEST: 'p.toml',
      })?.pixi,
    ).toMatchObject({ root: null, manifest: null, environment: null });
    expect(detectActiveEnv({ CONDA_PREFIX: condaLike() })?.pixi).toBeUndefined();
  });

  test('nothing activated', () => {
    expect(detectActiveEnv({})).toBeNull();
    expect(detectActiveEnv({ VIRTUAL_ENV: '', CONDA_PREFIX: '' })).toBeNull();
  });
});
