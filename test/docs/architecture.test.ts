import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

// docs/architecture.md promises that every name in `code` exists in the
// source. This keeps the promise: a rename or a move that forgets the page
// fails here.
const ROOT = resolve(import.meta.dirname, '../..');
const DOC = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|mjs)$/.test(name) && !name.endsWith('.test.ts') ? [p] : [];
  });
}
const FILES = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, '.ci'))];
const TEXT = FILES.map((f) => readFileSync(f, 'utf8')).join('\n');
const BASENAMES = new Set(FILES.map((f) => basename(f).replace(/\.ts$/, '.js')));

type Name = { kind: 'path' | 'file' | 'word'; name: string };

/** The names in the page's code spans: repo paths, file names, identifiers. */
function namesIn(doc: string): Name[] {
  const out: Name[] = [];
  for (const [, span] of doc.matchAll(/`([^`]+)`/g)) {
    for (const raw of span!.split(/[\s=,()]+/)) {
      const word = raw.replace(/[…:;.]+$/, '');
      if (/^(src|test|docs|\.ci)\//.test(word)) out.push({ kind: 'path', name: word });
      else if (/^[\w-]+\.(ts|js|mjs)$/.test(word)) out.push({ kind: 'file', name: word });
      else if (/^[A-Za-z_][\w-]{2,}$/.test(word)) out.push({ kind: 'word', name: word });
    }
  }
  return out;
}

function exists(n: Name): boolean {
  if (n.kind === 'path') return existsSync(join(ROOT, n.name));
  if (n.kind === 'file') return BASENAMES.has(n.name.replace(/\.ts$/, '.js'));
  return new RegExp(`(?<![\\w-])${n.name}(?![\\w-])`).test(TEXT);
}

describe('docs/architecture.md', () => {
  const names = namesIn(DOC);

  test('names enough of the code to be worth checking', () => {
    expect(names.filter((n) => n.kind === 'path').length).toBeGreaterThan(20);
    expect(names.filter((n) => n.kind === 'word').length).toBeGreaterThan(40);
  });

  test('every name in it exists in the code', () => {
    const missing = names.filter((n) => !exists(n)).map((n) => `${n.kind} ${n.name}`);
    expect(missing).toEqual([]);
  });

  test('the check would catch a name that does not exist', () => {
    const fake = namesIn('`src/io/no-such-file.ts` `gatherFactz` `nope.ts`');
    expect(fake.map(exists)).toEqual([false, false, false]);
  });
});
