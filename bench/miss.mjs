#!/usr/bin/env node
// The miss path alone (issue 21 item 4): the pip shim, up to its exec of pip,
// when the plan cache has no entry, so the engine starts, decides, records
// and writes the entry; against `node -e 0`, CPU time, interleaved in one run.
//
//   node bench/miss.mjs                      this checkout's build
//   node bench/miss.mjs --against OTHER      also another checkout's build (e.g. main's)
//   node bench/miss.mjs --profile            plus the engine's top items (--cpu-prof)
//   BENCH_RUNS=40 node bench/miss.mjs        more runs (default 20)
//
// bench/LEVERS.md keeps what this printed before and after each lever.
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { childCpu, makeWorld, must, NODE, ROOT, shimHarness } from './world.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const argv = process.argv.slice(2);
const against = argv.includes('--against') ? argv[argv.indexOf('--against') + 1] : null;
const profile = argv.includes('--profile');
const { pyBin, tmp, baseEnv } = makeWorld('miss');
const cache = baseEnv.PIPWARDEN_CACHE_DIR;
const base = { ...baseEnv, PATH: `${pyBin}:/usr/bin:/bin` };
const venv = join(tmp, 'venv');
must([join(pyBin, 'python3'), '-m', 'venv', '--without-pip', venv], base);
writeFileSync(join(venv, 'bin', 'pip'), `#!${join(venv, 'bin', 'python')}\n`);
chmodSync(join(venv, 'bin', 'pip'), 0o755);
const rewrite = {
  ...base,
  VIRTUAL_ENV: venv,
  PATH: `${join(venv, 'bin')}:${base.PATH}`,
  PIP_USER: '1',
};
const args = ['install', '--no-index', 'pwdemo'];

/** A copy of the pip shim that `checkout`'s build writes, ending where it would exec pip. */
function harness(checkout, name) {
  const shims = join(tmp, `shims-${name}`);
  must([NODE, join(checkout, 'dist', 'bundle', 'main.js'), 'rehash'], {
    ...base,
    PIPWARDEN_SHIM_DIR: shims,
  });
  return shimHarness(join(shims, 'pip'), join(tmp, `harness-${name}`));
}

const variants = [['node -e 0', [NODE, '-e', '0']]];
variants.push([`miss (${basename(ROOT)})`, ['/bin/sh', harness(ROOT, 'this'), ...args]]);
if (against) variants.push([`miss (${against})`, ['/bin/sh', harness(against, 'other'), ...args]]);

const cpu = variants.map(() => []);
for (let i = 0; i < RUNS + 3; i++) {
  variants.forEach(([, call], j) => {
    rmSync(join(cache, 'plans'), { recursive: true, force: true });
    const before = childCpu();
    must(call, rewrite);
    if (i >= 3) cpu[j].push(childCpu() - before);
  });
}
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
const floor = mean(cpu[0]);
for (const [j, [name]] of variants.entries()) {
  const m = mean(cpu[j]);
  console.log(`${name.padEnd(40)} CPU ${m.toFixed(1)} ms  ${(m / floor).toFixed(2)}× node -e 0`);
}
if (profile) top(variants[1][1]);

/** The engine's own profile of a few misses: self time by function and by file. */
function top(call) {
  const dir = join(tmp, 'profile');
  const shim = readFileSync(call[1], 'utf8').replace(
    '"$_pw_node" "$_pw_main" shell-plan',
    `"$_pw_node" --cpu-prof --cpu-prof-dir=${dir} --cpu-prof-interval=100 "$_pw_main" shell-plan`,
  );
  const file = join(tmp, 'harness-profiled');
  writeFileSync(file, shim, { mode: 0o755 });
  for (let i = 0; i < 10; i++) {
    rmSync(join(cache, 'plans'), { recursive: true, force: true });
    must(['/bin/sh', file, ...call.slice(2)], rewrite);
  }
  const byFn = new Map();
  let total = 0;
  for (const f of readdirSync(dir)) {
    const p = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const nodes = new Map(p.nodes.map((n) => [n.id, n]));
    p.samples.forEach((id, i) => {
      const { functionName, url, lineNumber } = nodes.get(id).callFrame;
      const k = `${functionName || '(anonymous)'} ${basename(url) || '(native)'}:${lineNumber}`;
      const us = p.timeDeltas[i] ?? 0;
      byFn.set(k, (byFn.get(k) ?? 0) + us);
      total += us;
    });
  }
  console.log('\nself time, share of the engine’s samples (10 misses):');
  for (const [k, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
}
