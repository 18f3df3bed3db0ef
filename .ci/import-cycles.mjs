#!/usr/bin/env node
// Fails when src/ has an import cycle. Every relative import counts, type-only
// ones too: a cycle through types is still two files that cannot be read
// apart. Usage: node .ci/import-cycles.mjs [root]   (root defaults to src)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// Cycles known and being removed elsewhere; each entry is the exact set of
// files in one cycle. Remove an entry when its cycle is gone.
const ALLOWED = [];

const root = resolve(process.argv[2] ?? 'src');
const cwd = process.cwd();
const SPEC = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [p] : [];
  });
}

const graph = new Map();
for (const file of files(root)) {
  const text = readFileSync(file, 'utf8');
  const deps = new Set();
  for (const m of text.matchAll(SPEC)) {
    deps.add(resolve(dirname(file), m[2].replace(/\.js$/, '.ts')));
  }
  graph.set(
    file,
    [...deps].filter((d) => d !== file),
  );
}

// Tarjan's strongly connected components: each one with more than one file
// (or a file importing itself) is a cycle.
let index = 0;
const idx = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function visit(v) {
  idx.set(v, index);
  low.set(v, index);
  index += 1;
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!idx.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) {
      low.set(v, Math.min(low.get(v), idx.get(w)));
    }
  }
  if (low.get(v) === idx.get(v)) {
    const scc = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1) cycles.push(scc.map((f) => relative(cwd, f)).sort());
  }
}
for (const v of graph.keys()) if (!idx.has(v)) visit(v);

const key = (c) => [...c].sort().join(' ');
const allowed = new Set(ALLOWED.map(key));
const bad = cycles.filter((c) => !allowed.has(key(c)));
for (const c of cycles) {
  const tag = allowed.has(key(c)) ? 'allowed (known, being removed)' : 'CYCLE';
  console.log(`${tag}: ${c.join(' ↔ ')}`);
}
for (const a of ALLOWED) {
  if (!cycles.some((c) => key(c) === key(a))) {
    console.log(
      `stale allowance, the cycle is gone: remove it from .ci/import-cycles.mjs: ${a.join(' ↔ ')}`,
    );
  }
}
console.log(`${graph.size} files, ${bad.length} import cycle(s)`);
process.exitCode = bad.length === 0 ? 0 : 1;
