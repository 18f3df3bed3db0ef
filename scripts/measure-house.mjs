#!/usr/bin/env node
// How the house reads, in numbers anyone can rerun: `node scripts/measure-house.mjs [--json]`.
// - prepare / decide: the functions each reaches (following calls through the
//   type checker, within src/), how many it calls directly, and how often the
//   walk (depth first, in call order) comes back to a file it had already left;
// - the files that import situation.ts or the files it was split into;
// - lines per folder of src/, and the largest functions;
// - lines that read a sentence back (a notice matched by its text, a hint split).
// MEASURE_DEBUG=prepare:src/cli (a function and the folder walked) lists the walk.
// The numbers before issue 20's changes: scripts/house-before.txt (this script
// run on the tree before them), after: scripts/house-after.txt.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const files = walk(src).filter((f) => !f.endsWith('.test.ts'));
const program = ts.createProgram(files, {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
});
const checker = program.getTypeChecker();
const rel = (f) => relative(root, f);

function declOf(node) {
  let sym = checker.getSymbolAtLocation(node);
  if (!sym) return null;
  if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  // An overloaded function: its implementation, the declaration with a body.
  const d =
    sym.declarations?.find((x) => ts.isFunctionDeclaration(x) && x.body !== undefined) ??
    sym.valueDeclaration ??
    sym.declarations?.[0];
  if (!d) return null;
  const file = d.getSourceFile().fileName;
  if (!file.startsWith(src) || file.endsWith('.test.ts')) return null;
  if (ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d)) return d;
  // `const { f } = await import('./x.js')`: the function the binding holds.
  if (ts.isBindingElement(d)) {
    const f = checker.getTypeAtLocation(node).getSymbol()?.valueDeclaration;
    return f && ts.isFunctionDeclaration(f) && f.getSourceFile().fileName.startsWith(src)
      ? f
      : null;
  }
  if (ts.isVariableDeclaration(d) && d.initializer && ts.isFunctionLike(d.initializer))
    return d.initializer;
  return null;
}

function nameOf(fn) {
  if (fn.name) return fn.name.getText();
  if (ts.isVariableDeclaration(fn.parent)) return fn.parent.name.getText();
  return '(anonymous)';
}

/** Callees of one function body, in source order, without descending into nested functions' own calls twice. */
function callees(fn) {
  const out = [];
  const visit = (n) => {
    if (ts.isCallExpression(n)) {
      const target = ts.isPropertyAccessExpression(n.expression) ? n.expression.name : n.expression;
      const d = declOf(target);
      if (d && d !== fn) out.push(d);
    }
    ts.forEachChild(n, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  return out;
}

function findFunction(file, name) {
  const sf = program.getSourceFile(join(root, file));
  let found = null;
  const visit = (n) => {
    if (found) return;
    const named = n.name?.getText() === name;
    // An overload signature has no body: the implementation follows it.
    if (named && ts.isFunctionDeclaration(n) && n.body === undefined) return;
    if ((ts.isFunctionDeclaration(n) || ts.isVariableDeclaration(n)) && named) {
      found = ts.isVariableDeclaration(n) ? n.initializer : n;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (!found) throw new Error(`${file}: no function ${name}`);
  return found;
}

/**
 * Depth-first walk from one function, in call order: stops (functions),
 * files, and how often it comes back to a file it had left (other than the
 * starting one).
 */
function trace(file, name, under = src) {
  const start = findFunction(file, name);
  const seen = new Set();
  const order = [];
  const go = (fn) => {
    seen.add(fn);
    order.push(fn);
    for (const c of callees(fn))
      if (!seen.has(c) && c.getSourceFile().fileName.startsWith(under)) go(c);
  };
  go(start);
  const left = new Set();
  let returns = 0;
  let prev = null;
  const home = start.getSourceFile().fileName;
  for (const fn of order) {
    const f = fn.getSourceFile().fileName;
    if (prev !== null && f !== prev) {
      // Coming back to the starting file is the line going on, not a detour.
      if (left.has(f) && f !== home) returns++;
      left.add(prev);
    }
    prev = f;
  }
  const direct = new Set(callees(start));
  if (process.env.MEASURE_DEBUG === `${name}:${rel(under)}`)
    for (const fn of order) console.error(`${rel(fn.getSourceFile().fileName)} ${nameOf(fn)}`);
  return {
    direct: direct.size,
    reached: order.length - 1,
    files: new Set(order.map((fn) => fn.getSourceFile().fileName)).size,
    returnsToAFileLeft: returns,
  };
}

const lines = (f) => readFileSync(f, 'utf8').split('\n').length - 1;

function situationImporters() {
  // situation.ts and the files it was split into (src/core/decide/), each
  // with the number of files that import it.
  const names = ['situation', 'situations/situation', 'pip-versions', 'same-path', 'hints'];
  const by = {};
  const all = new Set();
  for (const f of walk(src)) {
    for (const m of readFileSync(f, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const target = resolve(dirname(f), m[1]);
      const name = names.find((n) => target === join(src, 'core', 'decide', `${n}.js`));
      if (name === undefined) continue;
      by[name] ??= new Set();
      by[name].add(rel(f));
      all.add(rel(f));
    }
  }
  return {
    files: [...all].sort(),
    byTarget: Object.fromEntries(Object.entries(by).map(([k, v]) => [`${k}.ts`, v.size])),
  };
}

function perFolder() {
  const out = {};
  for (const f of walk(src)) {
    const d = rel(dirname(f));
    const k = f.endsWith('.test.ts') ? 'tests' : 'code';
    out[d] ??= { files: 0, code: 0, tests: 0 };
    if (k === 'code') out[d].files++;
    out[d][k] += lines(f);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function largestFunctions(n = 12) {
  const all = [];
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(src)) continue;
    const visit = (node) => {
      if (
        (ts.isFunctionDeclaration(node) ||
          ts.isMethodDeclaration(node) ||
          ts.isArrowFunction(node) ||
          ts.isFunctionExpression(node)) &&
        node.body
      ) {
        const a = sf.getLineAndCharacterOfPosition(node.getStart()).line;
        const b = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
        if (b - a >= 20) all.push({ fn: nameOf(node), file: rel(sf.fileName), lines: b - a + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return all.sort((x, y) => y.lines - x.lines).slice(0, n);
}

const prepareFile = ['src/cli/prepare.ts', 'src/cli/prepare/prepare.ts'].find((f) => {
  try {
    return statSync(join(root, f)).isFile();
  } catch {
    return false;
  }
});
const decideFile = 'src/core/decide/decide.ts';
const result = {
  prepare: trace(prepareFile, 'prepare'),
  prepareInCli: trace(prepareFile, 'prepare', join(src, 'cli')),
  decide: trace(decideFile, 'decide'),
  situationImporters: situationImporters(),
  perFolder: perFolder(),
  largestFunctions: largestFunctions(),
  sentenceParsers: (() => {
    // Code that reads a sentence back: startsWith('next: '), a split of a hint, a match of a notice by text.
    const hits = [];
    for (const f of files) {
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((l, i) => {
          if (
            /\.text\.startsWith\(|(?<!typeof [\w.?]*)\.(?:text|message) === \w|=== \w+\.(?:text|message)\b|step\.at\(-\d\)|split\(\/, or /.test(
              l,
            )
          )
            hits.push(`${rel(f)}:${i + 1}`);
        });
    }
    return hits;
  })(),
};

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  const p = result.prepare;
  const d = result.decide;
  console.log(
    `prepare (${prepareFile}): calls ${p.direct} functions directly, reaches ${p.reached} in ${p.files} files, returns to a file it left ${p.returnsToAFileLeft} times`,
  );
  const c = result.prepareInCli;
  console.log(
    `prepare within src/cli: reaches ${c.reached} functions in ${c.files} files, returns to a file it left ${c.returnsToAFileLeft} times`,
  );
  console.log(
    `decide: calls ${d.direct} directly, reaches ${d.reached} in ${d.files} files, returns to a file it left ${d.returnsToAFileLeft} times`,
  );
  const imp = result.situationImporters;
  const each = Object.entries(imp.byTarget)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  console.log(`files importing situation.ts or its successors: ${imp.files.length} (${each})`);
  for (const f of imp.files) console.log(`  ${f}`);
  console.log(`lines that read a sentence back: ${result.sentenceParsers.length}`);
  for (const f of result.sentenceParsers) console.log(`  ${f}`);
  console.log('lines per folder (files, code lines, test lines):');
  for (const [k, v] of Object.entries(result.perFolder))
    console.log(`  ${k}: ${v.files} files, ${v.code} code, ${v.tests} tests`);
  console.log('largest functions:');
  for (const f of result.largestFunctions) console.log(`  ${f.lines}  ${f.fn}  ${f.file}`);
}
