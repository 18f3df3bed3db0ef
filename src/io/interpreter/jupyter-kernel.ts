import { readFileSync, readlinkSync, statSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import type { Env } from '../../core/env.js';
import { findOnPath } from './which.js';

/** A Jupyter kernel among this process's ancestors: its pid and the python it runs. */
export interface KernelProcess {
  pid: number;
  /** The kernel's interpreter as its command named it (sys.executable), not through symlinks. */
  python: string;
  /** The kernel command's first word, as written. */
  argv0: string;
}

/** How far up the process tree to look: kernel → sh → shim → engine is four. */
const MAX_HOPS = 16;

/**
 * The Jupyter kernel whose `!` command started this process, or null.
 * jupyter_client's launcher puts `JPY_PARENT_PID` (the server's pid) into
 * every kernel's environment on POSIX (jupyter_client/launcher.py), and
 * IPython's `!` passes it on to the shell it runs. The kernel is our
 * ancestor whose parent is that pid. Only this user's own processes are
 * followed (an ancestor of another uid ends the walk: its command line is
 * not ours to trust), and only where /proc tells (Linux); elsewhere null.
 * A kernel started by another launcher (one that sets no JPY_PARENT_PID)
 * is not seen.
 */
export function jupyterKernel(
  env: Env,
  exclude: string[],
  self: number = process.pid,
): KernelProcess | null {
  const server = Number(env.JPY_PARENT_PID);
  if (!Number.isSafeInteger(server) || server <= 1) return null;
  const uid = process.getuid?.();
  if (uid === undefined) return null;
  let pid = self;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const parent = parentOf(pid);
    if (parent === null || parent <= 1) return null;
    if (parent === server) return ownedBy(pid, uid) ? kernelAt(pid, env, exclude) : null;
    if (!ownedBy(parent, uid)) return null;
    pid = parent;
  }
  return null;
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid …: comm may hold spaces and parentheses.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(rest[1]);
    return Number.isSafeInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

function ownedBy(pid: number, uid: number): boolean {
  try {
    return statSync(`/proc/${pid}`).uid === uid;
  } catch {
    return false;
  }
}

/** The kernel's python: its argv[0] as the launcher wrote it (a venv's bin/python), if it runs a python. */
function kernelAt(pid: number, env: Env, exclude: string[]): KernelProcess | null {
  try {
    const exe = readlinkSync(`/proc/${pid}/exe`);
    if (!/^python/.test(basename(exe))) return null;
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    if (argv0 === '') return null;
    // jupyter_client writes sys.executable for a kernelspec's bare `python`;
    // a bare name otherwise is looked up as the launcher's execvp did.
    const named = isAbsolute(argv0)
      ? argv0
      : argv0.includes('/')
        ? null
        : findOnPath(argv0, env.PATH ?? '', { exclude });
    const python = named !== null && /^python/.test(basename(named)) ? named : exe;
    return { pid, python, argv0 };
  } catch {
    return null;
  }
}
