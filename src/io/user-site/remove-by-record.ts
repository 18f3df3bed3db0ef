import { lstatSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { safeRealpath } from '../fs-checks.js';
import { euid } from '../own-dirs.js';

/** One distribution removed from a user site, or why it was not. */
export interface RecordRemoval {
  name: string;
  version: string;
  /** Files removed; empty with a problem. */
  files: number;
  problem?: string;
}

/** PEP 503 names: `Foo.Bar_baz` and `foo-bar-baz` are one project. */
function normal(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * What `pip uninstall` does, for a user site that the interpreter's pip
 * will not act on (a venv's pip: "Not uninstalling … outside environment",
 * pip/_internal/req/req_uninstall.py): each named distribution's RECORD
 * files, their `__pycache__` entries, the `.dist-info` dir, and dirs left
 * empty. Only paths under `base` (the user base: site-packages and bin)
 * are touched, whatever a RECORD says; a distribution without RECORD is
 * reported, not guessed at.
 */
export function removeByRecord(site: string, base: string, names: string[]): RecordRemoval[] {
  const wanted = new Set(names.map(normal));
  const realBase = safeRealpath(base);
  const out: RecordRemoval[] = [];
  let entries: string[];
  try {
    entries = readdirSync(site);
  } catch {
    return out;
  }
  for (const entry of entries.filter((e) => e.endsWith('.dist-info'))) {
    const info = join(site, entry);
    const meta = header(join(info, 'METADATA'));
    const name = meta.get('name');
    if (name === undefined || !wanted.has(normal(name))) continue;
    const version = meta.get('version') ?? '';
    let record: string;
    try {
      record = readFileSync(join(info, 'RECORD'), 'utf8');
    } catch {
      out.push({ name, version, files: 0, problem: `${info} has no RECORD` });
      continue;
    }
    const dirs = new Set<string>();
    let files = 0;
    let skipped = 0;
    for (const rel of record.split('\n').map(firstField)) {
      if (rel === '') continue;
      const path = resolve(site, rel);
      if (!path.startsWith(base + sep)) continue;
      if (!ours(path, realBase)) {
        skipped++;
        continue;
      }
      rmSync(path, { force: true });
      files++;
      dirs.add(dirname(path));
      if (path.endsWith('.py')) removePyc(path, dirs);
    }
    if (skipped > 0) {
      out.push({
        name,
        version,
        files,
        problem: `${skipped} file(s) of ${name} are not this user's, or lie through a link outside ${base}: left in place`,
      });
      continue;
    }
    rmSync(info, { recursive: true, force: true });
    pruneEmpty([...dirs], new Set([site, base, join(base, 'bin')]));
    out.push({ name, version, files });
  }
  return out;
}

/**
 * A file to remove: its dir leads (through every link) to under the user
 * base, and it is the effective user's own. Root under `sudo -E` with a
 * user's HOME removes nothing of that user's, and never through a link the
 * user planted (docs/security.md, root with a user's HOME).
 */
function ours(path: string, realBase: string): boolean {
  if (
    !safeRealpath(dirname(path)).startsWith(realBase + sep) &&
    safeRealpath(dirname(path)) !== realBase
  )
    return false;
  try {
    const st = lstatSync(path);
    const uid = euid();
    return uid === null || st.uid === uid;
  } catch {
    return true; // already gone: nothing to remove
  }
}

/** The first CSV field of a RECORD line (quoted when the path holds a comma). */
function firstField(line: string): string {
  if (!line.startsWith('"')) return line.split(',')[0] ?? '';
  const end = line.indexOf('",');
  return end < 0 ? '' : line.slice(1, end).replaceAll('""', '"');
}

/** `__pycache__/<stem>.*.pyc` beside a module, as pip's uninstall removes them. */
function removePyc(py: string, dirs: Set<string>): void {
  const cache = join(dirname(py), '__pycache__');
  const stem = `${basename(py, '.py')}.`;
  let names: string[];
  try {
    names = readdirSync(cache);
  } catch {
    return;
  }
  for (const n of names) {
    if (n.startsWith(stem) && n.endsWith('.pyc')) rmSync(join(cache, n), { force: true });
  }
  dirs.add(cache);
}

/** Remove dirs left empty, deepest first, and their parents, never the kept ones. */
function pruneEmpty(dirs: string[], keep: Set<string>): void {
  const all = new Set<string>();
  for (const d of dirs) {
    for (let p = d; !keep.has(p) && p !== dirname(p); p = dirname(p)) all.add(p);
  }
  for (const d of [...all].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(d);
    } catch {
      // not empty (something of the user's own), or gone already
    }
  }
}

/** The METADATA header's fields, lower-cased names. */
function header(file: string): Map<string, string> {
  const out = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') break;
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (m?.[1] && !out.has(m[1].toLowerCase())) out.set(m[1].toLowerCase(), m[2]?.trim() ?? '');
  }
  return out;
}
