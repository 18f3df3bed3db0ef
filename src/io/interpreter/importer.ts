import { samePrefix } from '../../core/decide/same-path.js';
import type { Env } from '../../core/env.js';
import type { Importer, InterpreterFacts, ToolFacts } from '../../core/facts.js';
import { interpreterFacts } from './interpreter-facts.js';
import { jupyterKernel } from './jupyter-kernel.js';
import type { Spawner } from './probe.js';
import { probeInterpreter } from './probe-cache.js';
import { resolveInterpreter } from './resolve-interpreter.js';
import { findOnPath } from './which.js';

export interface ImporterOptions {
  env: Env;
  cwd: string;
  /** Shim dirs, never an answer. */
  exclude: string[];
  cacheDir: string | null;
  spawn?: Spawner;
}

const NO_FLAGS = { isolated: false, ignoreEnvironment: false, noUserSite: false };

/**
 * The interpreter that will import what `pip` installs, when it is another
 * than pip's own (`pip`: the interpreter pip runs under): the Jupyter
 * kernel that ran `!pip`, else `python3` on the same PATH when neither it
 * nor `python` there is pip's interpreter. Only for a `pip` the user got
 * from PATH: a pip typed by its path names its target. Costs a PATH lookup,
 * in-process resolution and a probe-cache read per name; a spawn only on a
 * cold probe cache (or a pyenv layout resolved by `pyenv which`).
 */
export async function findImporter(
  tool: ToolFacts,
  pip: InterpreterFacts,
  opts: ImporterOptions,
): Promise<{ importer: Importer | null; kernel?: number }> {
  const none = { importer: null };
  if (tool.kind !== 'pip' || tool.path === null) return none;
  const path = opts.env.PATH ?? '';
  if (findOnPath(tool.name, path, { exclude: opts.exclude, cwd: opts.cwd }) !== tool.path)
    return none;
  const kernel = jupyterKernel(opts.env, opts.exclude);
  if (kernel !== null) {
    const facts = await factsOf(kernel.python, opts);
    const same = facts === null || samePrefix(facts, pip);
    const importer: Importer | null = same
      ? null
      : { via: 'kernel', name: kernel.argv0, interpreter: facts, pid: kernel.pid };
    return { importer, kernel: kernel.pid };
  }
  let first: Importer | null = null;
  for (const name of ['python3', 'python']) {
    const found = findOnPath(name, path, { exclude: opts.exclude, cwd: opts.cwd });
    if (found === null) continue;
    const facts = await factsOf(found, opts);
    if (facts === null) continue;
    if (samePrefix(facts, pip)) return none;
    first ??= { via: 'path', name, interpreter: facts };
  }
  return { importer: first };
}

async function factsOf(
  executable: string,
  opts: ImporterOptions,
): Promise<InterpreterFacts | null> {
  try {
    const resolved = await resolveInterpreter(executable, {
      env: opts.env,
      cwd: opts.cwd,
      exclude: opts.exclude,
    });
    if (resolved.interpreter === null) return null;
    const probe = await probeInterpreter(resolved.interpreter, {
      env: opts.env,
      cacheDir: opts.cacheDir,
      ...(opts.spawn ? { spawn: opts.spawn } : {}),
    });
    return interpreterFacts(resolved.interpreter, probe, {
      env: opts.env,
      flags: { ...NO_FLAGS, ...resolved.flags },
      cwd: opts.cwd,
    });
  } catch {
    return null;
  }
}
