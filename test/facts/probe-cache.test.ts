import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { gatherFacts } from '../../src/io/gather-facts.js';
import { cacheFile, probeInterpreter } from '../../src/io/interpreter/probe-cache.js';
import { countingSpawner } from '../helpers/counting-spawner.js';
import { hermeticEnv } from '../helpers/env.js';
import { pyenvPython } from '../helpers/pythons.js';
import { tempDir } from '../helpers/tmp.js';
import { makeVenv } from '../helpers/venv.js';

function python(minor: string): string {
  const p = pyenvPython(minor);
  if (p === null) throw new Error(`pyenv Python ${minor} is missing`);
  return p;
}

describe('probe cache', () => {
  test('a warm call spawns no python: a logging wrapper interpreter runs exactly once', async () => {
    const dir = tempDir();
    const log = join(dir, 'spawns.log');
    // An interpreter of our own: it records every start, then becomes python.
    const wrapper = join(dir, 'python3');
    writeFileSync(wrapper, `#!/bin/sh\necho started >> '${log}'\nexec '${python('3.12')}' "$@"\n`, {
      mode: 0o755,
    });
    const cache = join(dir, 'cache');
    const env = hermeticEnv(join(dir, 'home'));
    const gather = () =>
      gatherFacts({
        tool: { kind: 'python', name: 'python3', path: wrapper },
        env,
        cwd: dir,
        cacheDir: cache,
        exclude: [],
      });
    const cold = await gather();
    const warm = await gather();
    expect(readFileSync(log, 'utf8')).toBe('started\n');
    expect(warm.interpreter).toEqual(cold.interpreter);
    expect(warm.interpreter?.executable).toBe(wrapper);
  });

  test('a warm call spawns nothing through the injected spawner either', async () => {
    const cache = tempDir();
    const env = hermeticEnv(tempDir());
    const { spawn, calls } = countingSpawner();
    await probeInterpreter(python('3.13'), { env, cacheDir: cache, spawn });
    await probeInterpreter(python('3.13'), { env, cacheDir: cache, spawn });
    expect(calls).toEqual([python('3.13')]);
  });

  test('PIPWARDEN_CACHE_DIR picks the cache dir when none is passed', async () => {
    const cache = tempDir();
    const env = hermeticEnv(tempDir(), { PIPWARDEN_CACHE_DIR: cache });
    await gatherFacts({
      tool: { kind: 'python', name: 'python3', path: python('3.13') },
      env,
      cwd: cache,
      exclude: [],
    });
    expect(statSync(cacheFile(cache, python('3.13'))).isFile()).toBe(true);
  });

  test('a venv python shares the base realpath but gets its own entry', async () => {
    const cache = tempDir();
    const venv = makeVenv(python('3.12'), join(tempDir(), 'v'), { withoutPip: true });
    const env = hermeticEnv(tempDir());
    const { spawn, calls } = countingSpawner();
    const base = await probeInterpreter(python('3.12'), { env, cacheDir: cache, spawn });
    const inVenv = await probeInterpreter(join(venv, 'bin', 'python'), {
      env,
      cacheDir: cache,
      spawn,
    });
    expect(calls).toHaveLength(2);
    expect(base.prefix).not.toBe(inVenv.prefix);
    expect(inVenv.prefix).toBe(venv);
  });

  test('touching pip/__init__.py (a pip upgrade) re-probes', async () => {
    const cache = tempDir();
    const venv = makeVenv(python('3.12'), join(tempDir(), 'v'));
    const py = join(venv, 'bin', 'python');
    const env = hermeticEnv(tempDir());
    const { spawn, calls } = countingSpawner();
    const first = await probeInterpreter(py, { env, cacheDir: cache, spawn });
    expect(first.pipInit).toBe(join(venv, 'lib/python3.12/site-packages/pip/__init__.py'));
    await probeInterpreter(py, { env, cacheDir: cache, spawn });
    expect(calls).toHaveLength(1);
    const later = new Date(Date.now() + 60_000);
    utimesSync(first.pipInit!, later, later);
    await probeInterpreter(py, { env, cacheDir: cache, spawn });
    expect(calls).toHaveLength(2);
    await probeInterpreter(py, { env, cacheDir: cache, spawn });
    expect(calls).toHaveLength(2);
  });

  test('rewriting pyvenv.cfg re-probes (its settings change sys.prefix and the user site)', async () => {
    const cache = tempDir();
    const venv = makeVenv(python('3.12'), join(tempDir(), 'v'), { withoutPip: true });
    const py = join(venv, 'bin', 'python');
    const env = hermeticEnv(tempDir());
    const { spawn, calls } = countingSpawner();
    const before = await probeInterpreter(py, { env, cacheDir: cache, spawn });
    expect(before.enableUserSite).toBe(false);
    const cfg = join(venv, 'pyvenv.cfg');
    writeFileSync(
      cfg,
      readFileSync(cfg, 'utf8').replace(
        'include-system-site-packages = false',
        'include-system-site-packages = true',
      ),
    );
    const after = await probeInterpreter(py, { env, cacheDir: cache, spawn });
    expect(calls).toHaveLength(2);
    expect(after.enableUserSite).toBe(true);
  });

  test('a corrupt cache file is ignored and rewritten', async () => {
    const cache = tempDir();
    const env = hermeticEnv(tempDir());
    const py = python('3.13');
    const { spawn, calls } = countingSpawner();
    await probeInterpreter(py, { env, cacheDir: cache, spawn });
    const file = cacheFile(cache, py);
    writeFileSync(file, '{"format": 1, "key": {"invoked"');
    const result = await probeInterpreter(py, { env, cacheDir: cache, spawn });
    expect(calls).toHaveLength(2);
    expect(result.version).toEqual([3, 13, 0]);
    expect(JSON.parse(readFileSync(file, 'utf8')).result.version).toEqual([3, 13, 0]);
    await probeInterpreter(py, { env, cacheDir: cache, spawn });
    expect(calls).toHaveLength(2);
  });

  test('cacheDir null never reads or writes a cache', async () => {
    const env = hermeticEnv(tempDir());
    const { spawn, calls } = countingSpawner();
    await probeInterpreter(python('3.13'), { env, cacheDir: null, spawn });
    await probeInterpreter(python('3.13'), { env, cacheDir: null, spawn });
    expect(calls).toHaveLength(2);
  });
});
