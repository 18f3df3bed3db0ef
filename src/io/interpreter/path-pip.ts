import { readdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { PythonFlags } from '../../core/argv/types.js';
import type { Env } from '../../core/env.js';
import { isDir, isFile } from '../fs-checks.js';
import { readBounded, SMALL_CAP } from '../read-bounded.js';

/** A pip found on the way python imports, read from its files (never run). */
export interface PathPip {
  dir: string;
  version: string;
  requiresPython: string | null;
}

export interface PathPipInput {
  env: Env;
  /** The dirs python puts ahead of PYTHONPATH: the cwd for `-m`, the script's dir for a pip script; empty under -P. */
  first: string[];
  flags: PythonFlags;
}

/**
 * The pip that a PYTHONPATH entry puts ahead of the interpreter's own, as
 * the user's own call will import it: the probe runs with -E from / and
 * does not see PYTHONPATH. Only an absolute entry counts (the user's own
 * variable names it); a relative one resolves in the cwd, and a pip there,
 * or in the dir python puts first (the cwd for `-m`), is the tree's, not the
 * user's (docs/security.md): null, so the call is decided as before. The
 * version and Requires-Python are read from the files, bounded, and nothing
 * of that pip runs here.
 */
export function pythonPathPip(input: PathPipInput): PathPip | null {
  const { env, flags } = input;
  if (flags.ignoreEnvironment || flags.isolated || !env.PYTHONPATH) return null;
  if (input.first.some(holdsPip)) return null;
  for (const entry of env.PYTHONPATH.split(':')) {
    if (entry === '') continue;
    if (!isAbsolute(entry)) {
      if (holdsPip(entry)) return null;
      continue;
    }
    if (isFile(entry)) return null; // an archive: what it holds is not looked into
    if (!holdsPip(entry)) continue;
    const version = pipVersionIn(entry);
    return version === null
      ? null
      : { dir: entry, version, requiresPython: requiresPythonIn(entry, version) };
  }
  return null;
}

function holdsPip(dir: string): boolean {
  return isDir(join(dir, 'pip')) || isFile(join(dir, 'pip.py'));
}

/** `__version__ = "23.2.1"` in pip/__init__.py, as every pip release writes it. */
function pipVersionIn(dir: string): string | null {
  const read = readBounded(join(dir, 'pip', '__init__.py'), SMALL_CAP);
  if (!read.ok) return null;
  return (
    /^__version__\s*=\s*["']([0-9][^"'\s]*)["']/m.exec(read.bytes.toString('utf8'))?.[1] ?? null
  );
}

/** The Requires-Python header of the dist-info beside it (probe-script.ts reads it the same way). */
function requiresPythonIn(dir: string, version: string): string | null {
  const name = `pip-${version}.dist-info`;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return null;
  }
  if (!entries.includes(name)) return null;
  const read = readBounded(join(dir, name, 'METADATA'), SMALL_CAP);
  if (!read.ok) return null;
  for (const line of read.bytes.toString('utf8').split('\n')) {
    if (line.trim() === '') break;
    const m = /^requires-python:\s*(.*)$/i.exec(line);
    if (m) return m[1]?.trim() ?? null;
  }
  return null;
}
