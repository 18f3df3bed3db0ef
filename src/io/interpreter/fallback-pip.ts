import { dirname } from 'node:path';
import { type PipFacts, pipMisfit } from '../../core/decide/pip-fits.js';
import { atLeast, PIP_PYTHON_OPTION } from '../../core/decide/pip-versions.js';
import type { FallbackPip, InterpreterFacts } from '../../core/facts.js';
import type { ProbeResult, Spawner } from './probe.js';
import { probeInterpreter } from './probe-cache.js';
import { resolveInterpreter } from './resolve-interpreter.js';
import { findAllOnPath } from './which.js';

type Env = Record<string, string | undefined>;

export interface FallbackOptions {
  env: Env;
  cwd: string;
  /** Shim dirs, never an answer. */
  exclude: string[];
  cacheDir: string | null;
  /** `X.Y` of the interpreter the pip must run under (`--python`); null: unknown. */
  target: string | null;
  spawn?: Spawner;
}

/**
 * For `python -m pip` under an interpreter without pip, or an active env
 * without pip that this interpreter's pip cannot run under: the pip the user
 * would get by typing `pip3` (or `pip`), outside that interpreter's own bin
 * dir, with the version and Requires-Python of the pip its interpreter
 * imports. pip ≥ 22.3 can then install into the target with `--python`.
 * The first that can (pip-fits.ts) wins; else the first found, so the
 * refusal can say why it cannot.
 */
export async function findFallbackPip(
  interp: InterpreterFacts,
  opts: FallbackOptions,
): Promise<FallbackPip | null> {
  const exclude = [...opts.exclude, dirname(interp.executable), interp.scripts];
  let first: FallbackPip | null = null;
  const seen = new Set<string>();
  for (const path of ['pip3', 'pip'].flatMap((name) =>
    findAllOnPath(name, opts.env.PATH ?? '', { exclude, cwd: opts.cwd }),
  )) {
    const resolved = await resolveInterpreter(path, {
      env: opts.env,
      cwd: opts.cwd,
      exclude: opts.exclude,
    });
    if (resolved.interpreter === null || seen.has(resolved.interpreter)) continue;
    seen.add(resolved.interpreter);
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
    if (!probe.pipVersion) continue;
    const pip: FallbackPip = {
      path,
      version: probe.pipVersion,
      requiresPython: probe.pipRequiresPython,
    };
    if (fits(pip, opts.target)) return pip;
    first ??= pip;
  }
  return first;
}

/** A pip that can run `--python` under the target. */
export function fits(pip: PipFacts, target: string | null): boolean {
  return atLeast(pip.version, PIP_PYTHON_OPTION) && pipMisfit(pip, target) === null;
}
