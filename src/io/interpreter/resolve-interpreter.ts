import { accessSync, constants, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PythonFlags } from '../../core/argv/types.js';
import type { Env } from '../../core/env.js';
import { PipwardenError } from '../../core/errors.js';
import { readHead } from '../fs-checks.js';
import { askingWhatItIs } from '../read-hints.js';
import { type PyenvShim, pyenvShimOf, pyenvWhich } from './pyenv.js';
import { parseShebang } from './shebang.js';
import { findOnPath } from './which.js';

export interface ResolveOptions {
  env: Env;
  cwd: string;
  /** Our own shim dirs: never an answer, also when pyenv falls back to `system`. */
  exclude?: string[];
  /** Runs `pyenv which <name>`; injectable for tests. Resolves to its stdout path or null. */
  spawnPyenvWhich?: (shim: PyenvShim, env: Env, cwd: string) => Promise<string | null>;
}

export interface ResolvedInterpreter {
  /** The interpreter as it would be invoked (not realpath'd), or null. */
  interpreter: string | null;
  /** Interpreter flags from a shebang (`#!/usr/bin/python3 -sE`). */
  flags: PythonFlags;
  /** Each step taken, for debugging output. */
  steps: string[];
  /** True when in-process pyenv resolution failed and `pyenv which` was spawned. */
  pyenvSpawned: boolean;
}

const PYTHON_NAME = /^python/;
const MAX_HOPS = 8;

/**
 * The interpreter pip would run under when the user's command really runs
 * `executable`: a python is itself; a pip script runs its shebang (plain,
 * `/usr/bin/env`, or distlib's /bin/sh trampoline); a pyenv shim first
 * becomes what `pyenv which` would print.
 */
export async function resolveInterpreter(
  executable: string,
  opts: ResolveOptions,
): Promise<ResolvedInterpreter> {
  const exclude = opts.exclude ?? [];
  const steps: string[] = [];
  let flags: PythonFlags = { isolated: false, ignoreEnvironment: false, noUserSite: false };
  let pyenvSpawned = false;
  let current: string | null = executable;
  let fromShebang = false;
  for (let hop = 0; current !== null && hop < MAX_HOPS; hop++) {
    const shim = pyenvShimOf(current, opts.env);
    if (shim) {
      const which = pyenvWhich(shim, opts.env, opts.cwd, exclude);
      steps.push(`${current}: pyenv shim (PYENV_ROOT=${shim.root})`, ...which.steps);
      let next = which.path;
      if (next === null) {
        pyenvSpawned = true;
        next = await (opts.spawnPyenvWhich ?? spawnPyenvWhich)(shim, opts.env, opts.cwd);
        steps.push(`pyenv: in-process resolution failed; spawned pyenv which → ${next ?? 'none'}`);
      }
      current = next;
      continue;
    }
    if (fromShebang || PYTHON_NAME.test(basename(current))) {
      steps.push(`${current}: interpreter`);
      return { interpreter: current, flags, steps, pyenvSpawned };
    }
    const shebang = parseShebang(readHead(current) ?? '');
    if (shebang === null) {
      steps.push(`${current}: neither a python nor a script with a shebang`);
      return { interpreter: null, flags, steps, pyenvSpawned };
    }
    flags = mergeFlags(flags, shebang.args);
    fromShebang = true;
    if (shebang.kind === 'path') {
      steps.push(`${current}: shebang ${shebang.interpreter}`);
      current = shebang.interpreter;
    } else {
      const found = findOnPath(shebang.name, opts.env.PATH ?? '', { exclude, cwd: opts.cwd });
      steps.push(`${current}: shebang env ${shebang.name} → ${found ?? 'not on PATH'}`);
      current = found;
    }
  }
  return { interpreter: null, flags, steps, pyenvSpawned };
}

/** `-sE`, `-I`: the single-letter interpreter flags that change where pip installs. */
function mergeFlags(flags: PythonFlags, args: string[]): PythonFlags {
  const out = { ...flags };
  for (const arg of args) {
    if (!/^-[A-Za-z]/.test(arg)) continue;
    // A cluster ends at the first flag that takes a value (-W…, -X…, -c, -m).
    const cluster = arg.slice(1).split(/[WXcm]/)[0] ?? '';
    if (cluster.includes('I')) out.isolated = true;
    if (cluster.includes('E')) out.ignoreEnvironment = true;
    if (cluster.includes('s')) out.noUserSite = true;
  }
  return out;
}

async function spawnPyenvWhich(shim: PyenvShim, env: Env, cwd: string): Promise<string | null> {
  // The slow path (a pyenv layout we could not follow by hand); execa loads only here.
  const { execa } = await import('execa');
  const r = await execa(join(shim.root, 'libexec', 'pyenv'), ['which', shim.name], {
    env: { ...env, PYENV_ROOT: shim.root },
    extendEnv: false,
    cwd,
    timeout: 10_000,
    stdin: 'ignore',
    reject: false,
  });
  const line =
    String(r.stdout ?? '')
      .trim()
      .split('\n')
      .pop() ?? '';
  return r.failed || !line.startsWith('/') ? null : line;
}

/**
 * Why the interpreter a pip script names cannot be used, as a PipwardenError,
 * or null when it can. Tells "not there" apart from "not for this user":
 * `existsSync` says false for both, and a root-only pyenv seen by another
 * user (EACCES on /root) is not a stale script.
 */
export function interpreterProblem(tool: string, interpreter: string): PipwardenError | null {
  try {
    askingWhatItIs(() => {
      statSync(interpreter);
      accessSync(interpreter, constants.X_OK);
    });
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      const uid = process.getuid?.() ?? -1;
      return new PipwardenError(
        'denied',
        `${tool}: its interpreter ${interpreter} cannot be run by this user (uid ${uid}): permission denied`,
        `use a Python this user can run (python3 -m venv ~/.venv && . ~/.venv/bin/activate), or run as the user who owns ${interpreter}`,
      );
    }
    return new PipwardenError(
      'probe',
      `${tool}: its interpreter ${interpreter} does not exist${code === 'ENOENT' || code === undefined ? '' : ` (${code})`}`,
      `reinstall pip for the Python you meant (python3 -m ensurepip --upgrade), or remove the stale ${tool}`,
    );
  }
}

/** The errno code of stat(2) on `path` (e.g. ENOENT, EACCES), or null when it succeeds. */
export function statCode(path: string): string | null {
  try {
    askingWhatItIs(() => statSync(path));
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'error';
  }
}
