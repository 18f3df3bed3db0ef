import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Env } from '../../core/env.js';
import { isDir, isExecutableFile, isFile, readHead, samePlace } from '../fs-checks.js';
import { homeDir } from '../paths.js';
import { readBoundedOrNull, SMALL_CAP } from '../read-bounded.js';
import { findOnPath } from './which.js';

/** A pyenv shim, and the PYENV_ROOT pyenv will use when it runs. */
export interface PyenvShim {
  root: string;
  /** The dir holding the shim (pyenv drops it from PATH for `system`). */
  shimDir: string;
  /** The command the shim stands for: its own basename (the shim sets program to $0 minus its dir). */
  name: string;
}

// pyenv's shims are bash scripts baked by `pyenv rehash`; they export the
// PYENV_ROOT they were made for, which beats the caller's PYENV_ROOT.
const SHIM_EXEC = /exec "[^"]*\/libexec\/pyenv" exec "\$program"/;
const SHIM_ROOT = /^export PYENV_ROOT="([^"]+)"$/m;

/** The pyenv shim at `path`, or null when it is not one. */
export function pyenvShimOf(path: string, env: Env): PyenvShim | null {
  const dir = dirname(path);
  const head = readHead(path, 2048) ?? '';
  const baked = SHIM_ROOT.exec(head)?.[1];
  const envRoot = stripSlash(env.PYENV_ROOT || join(homeDir(env), '.pyenv'));
  if (SHIM_EXEC.test(head) || samePlace(dir, join(envRoot, 'shims'))) {
    return { root: stripSlash(baked ?? envRoot), shimDir: dir, name: basename(path) };
  }
  return null;
}

/** The version names pyenv would try, in order, and what set them (pyenv-version-name). */
export function pyenvVersions(
  root: string,
  env: Env,
  cwd: string,
): { versions: string[]; origin: string } {
  if (env.PYENV_VERSION) return { versions: env.PYENV_VERSION.split(':'), origin: 'PYENV_VERSION' };
  const file =
    localVersionFile(env.PYENV_DIR || cwd) ?? (env.PYENV_DIR ? localVersionFile(cwd) : null);
  const origin = file ?? join(root, 'version');
  // An empty or unreadable version file means `system`; pyenv does not fall
  // through to the next file.
  const versions = readVersionFile(origin);
  return { versions: versions.length > 0 ? versions : ['system'], origin };
}

/**
 * What `pyenv which <name>` prints, without spawning bash: each version's
 * `bin/<name>` that is executable, then (always, as pyenv-which does) the
 * next `<name>` on PATH after the shim dirs. `exclude` adds our own shim dirs.
 */
export function pyenvWhich(
  shim: PyenvShim,
  env: Env,
  cwd: string,
  exclude: string[],
): { path: string | null; steps: string[] } {
  const { versions, origin } = pyenvVersions(shim.root, env, cwd);
  const steps = [`pyenv: versions ${versions.join(':')} (set by ${origin})`];
  for (const v of [...versions, 'system']) {
    if (v === 'system') {
      const skip = [join(shim.root, 'shims'), shim.shimDir, ...exclude];
      const found = findOnPath(shim.name, env.PATH ?? '', { exclude: skip, cwd });
      steps.push(`pyenv: system ${shim.name} → ${found ?? 'none'}`);
      if (found) return { path: found, steps };
      continue;
    }
    const dir = versionDir(shim.root, v);
    const candidate = dir ? join(dir, 'bin', shim.name) : null;
    steps.push(`pyenv: version ${v} → ${candidate ?? 'not installed'}`);
    if (candidate && isExecutableFile(candidate)) return { path: candidate, steps };
  }
  return { path: null, steps };
}

/** versions/<v>, or the latest installed `<v>.*` (pyenv-latest), or null. */
function versionDir(root: string, version: string): string | null {
  const versionsDir = join(root, 'versions');
  for (const v of [version, version.replace(/^python-/, '')]) {
    if (isDir(join(versionsDir, v))) return join(versionsDir, v);
  }
  const prefix = version.replace(/^python-/, '');
  const threaded = /\dt$/.test(prefix);
  const base = threaded ? prefix.slice(0, -1) : prefix;
  let names: string[];
  try {
    names = readdirSync(versionsDir);
  } catch {
    return null;
  }
  const matches = names
    .filter((n) => n.startsWith(`${base}.`) || n.startsWith(`${base}-`))
    .filter((n) => !/-dev$|-src$|-latest$|(a|b|rc)\d+$/.test(n))
    .filter((n) => threaded === /\dt$/.test(n))
    .sort(compareNumeric);
  const latest = matches.at(-1);
  return latest === undefined ? null : join(versionsDir, latest);
}

function localVersionFile(start: string): string | null {
  let dir = start;
  for (;;) {
    const file = join(dir, '.python-version');
    if (isFile(file)) return file;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** pyenv-version-file-read: first word of each line, skipping blanks, `#` comments and unsafe names. */
function readVersionFile(file: string): string[] {
  // Bounded: a cloned repository ships its own .python-version (docs/security.md).
  const bytes = readBoundedOrNull(file, SMALL_CAP);
  if (bytes === null) return [];
  const text = bytes.toString('utf8');
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const word = line.replace(/\r/g, ' ').trim().split(/\s+/)[0] ?? '';
    if (word === '' || word.startsWith('#') || word === '..' || word.includes('/')) continue;
    out.push(word);
  }
  return out;
}

function compareNumeric(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function stripSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}
