import { spawnSync } from 'node:child_process';
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BackstopConfig } from '../../core/config/types.js';
import type { GovernedInterpreter } from '../../core/org/org-facts.js';
import { listDir } from '../fs-checks.js';
import { markerHash } from './org-files.js';

/** The names pip's users run: python, python3, python3.12 (not python3-config, python3.12m-…). */
const NAME = /^python(\d+(\.\d+)?)?$/;

/**
 * What the interpreter itself says, as pip would see it: the stdlib dir
 * (where pip looks for EXTERNALLY-MANAGED, pip/_internal/utils/misc.py
 * check_externally_managed), whether it runs as a venv (pip skips the check
 * there), the first pip on its sys.path, and a conda-meta/ beside its prefix.
 * Python 2.7 and 3 alike; reads files, imports nothing beyond the stdlib.
 */
const PROBE = `import os, sys, sysconfig
p = sys.prefix
venv = p != getattr(sys, 'base_prefix', p) or hasattr(sys, 'real_prefix')
pip = ''
for d in sys.path:
    if pip or not d or not os.path.isdir(d):
        continue
    for e in sorted(os.listdir(d)):
        if e.startswith('pip-') and (e.endswith('.dist-info') or e.endswith('.egg-info')):
            pip = e[4:].rsplit('.', 1)[0]
            break
conda = os.path.isdir(os.path.join(p, 'conda-meta'))
sys.stdout.write('\\n'.join([sysconfig.get_path('stdlib'), '%d.%d.%d' % tuple(sys.version_info[:3]), pip, str(int(venv)), str(int(conda))]) + '\\n')
`;

/** Every python name in the governed dirs and under the governed roots, by the path found. */
export function governedNames(backstop: BackstopConfig): string[] {
  const found: string[] = [];
  const bins = [
    ...backstop.dirs,
    ...backstop.roots.flatMap((root) => listDir(root).map((child) => join(root, child, 'bin'))),
  ];
  for (const dir of bins) {
    for (const name of listDir(dir).sort()) {
      if (NAME.test(name) && isRunnableFile(join(dir, name))) found.push(join(dir, name));
    }
  }
  return found;
}

/**
 * The governed interpreters, one per stdlib dir (python3 and python3.12 in
 * one dir are one interpreter). Root runs each to ask it, so only a binary
 * that root and no one else could have put there is run: the file and every
 * dir above it owned by root and writable by no one else, as sudo checks
 * its own files. Anything else is `unsafe`, reported, never run.
 */
export function findInterpreters(backstop: BackstopConfig): GovernedInterpreter[] {
  const byReal = new Map<string, string[]>();
  for (const path of governedNames(backstop)) {
    const real = safeReal(path);
    byReal.set(real, [...(byReal.get(real) ?? []), path]);
  }
  // The most specific name first (python3.12 before python3 and python): the one reports show.
  for (const paths of byReal.values()) paths.sort((a, b) => specificity(b) - specificity(a));
  const byStdlib = new Map<string, GovernedInterpreter>();
  const out: GovernedInterpreter[] = [];
  for (const [real, paths] of byReal) {
    const interp = inspect(real, paths);
    const key = interp.stdlib;
    const same = key === null ? undefined : byStdlib.get(key);
    if (same) {
      same.paths.push(...paths);
      continue;
    }
    if (key !== null) byStdlib.set(key, interp);
    out.push(interp);
  }
  return out;
}

function inspect(real: string, paths: string[]): GovernedInterpreter {
  const none = { stdlib: null, version: null, pip: null, marker: null };
  const owner = unsafeOwner(real);
  if (owner) {
    return {
      paths,
      kind: 'unsafe',
      problem: { what: 'owner', path: owner.path, detail: owner.detail },
      ...none,
    };
  }
  // -B: asking writes no __pycache__ into the interpreter's tree.
  const r = spawnSync(paths[0]!, ['-E', '-s', '-B', '-c', PROBE], {
    cwd: '/',
    env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  const [stdlib, version, pip, venv, conda] = (r.stdout ?? '').split('\n');
  if (r.status !== 0 || !stdlib?.startsWith('/') || !version) {
    const detail =
      (r.stderr ?? '').trim().split('\n').pop() || (r.error?.message ?? `exit ${r.status}`);
    return { paths, kind: 'broken', problem: { what: 'probe', path: paths[0]!, detail }, ...none };
  }
  const kind = venv === '1' ? 'venv' : conda === '1' ? 'conda' : 'base';
  // Root writes the marker there: a stdlib dir someone else may write is theirs, not ours to write into.
  const stdlibOwner = kind === 'base' ? unsafeOwner(stdlib) : null;
  if (stdlibOwner) {
    return {
      paths,
      kind: 'unsafe',
      problem: { what: 'owner', path: stdlibOwner.path, detail: stdlibOwner.detail },
      ...none,
    };
  }
  return { paths, kind, stdlib, version, pip: pip || null, marker: markerHash(stdlib) };
}

/** The first of `path` and its parent dirs that is not root's alone, or null. */
function unsafeOwner(path: string): { path: string; detail: string } | null {
  for (let p = path; ; p = dirname(p)) {
    const st = lstatSync(p, { throwIfNoEntry: false });
    if (!st) return { path: p, detail: 'gone' };
    if (st.uid !== 0) return { path: p, detail: `owned by uid ${st.uid}, not root` };
    // A sticky dir (/tmp) still lets others plant names in it.
    if ((st.mode & 0o022) !== 0) {
      return { path: p, detail: `writable by ${st.mode & 0o002 ? 'everyone' : 'its group'}` };
    }
    if (p === '/') return null;
  }
}

function specificity(path: string): number {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.length;
}

function isRunnableFile(path: string): boolean {
  const st = statSync(path, { throwIfNoEntry: false });
  return st?.isFile() === true && (st.mode & 0o111) !== 0;
}

function safeReal(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
