import { dirname } from 'node:path';
import type { InterpreterFacts } from '../../core/facts.js';
import type { ProbeResult, Spawner } from './probe.js';
import { probeInterpreter } from './probe-cache.js';
import { resolveInterpreter } from './resolve-interpreter.js';
import { findOnPath } from './which.js';

type Env = Record<string, string | undefined>;

export interface FallbackOptions {
  env: Env;
  cwd: string;
  /** Shim dirs, never an answer. */
  exclude: string[];
  cacheDir: string | null;
  spawn?: Spawner;
}

/**
 * For `python -m pip` under an interpreter without pip: the pip the user
 * would get by typing `pip3` (or `pip`), outside that interpreter's own bin
 * dir, with the version of the pip its interpreter imports. pip ≥ 22.3 can
 * then install into the pip-less interpreter with `--python`.
 */
export async function findFallbackPip(
  interp: InterpreterFacts,
  opts: FallbackOptions,
): Promise<{ path: string; version: string } | null> {
  const exclude = [...opts.exclude, dirname(interp.executable), interp.scripts];
  for (const name of ['pip3', 'pip']) {
    const path = findOnPath(name, opts.env.PATH ?? '', { exclude, cwd: opts.cwd });
    if (path === null) continue;
    const resolved = await resolveInterpreter(path, {
      env: opts.env,
      cwd: opts.cwd,
      exclude: opts.exclude,
    });
    if (resolved.interpreter === null) continue;
    let probe: ProbeResult;
    try {
      probe = await probeInterpreter(resolved.interpreter, {
        env: opts.env,
        cacheDir: opts.cacheDir,
        ...(opts.spawn ? { spawn: opts.spawn } : {}),
      });
    } catch {
      continue;
    }
    if (probe.pipVersion) return { path, version: probe.pipVersion };
  }
  return null;
}
