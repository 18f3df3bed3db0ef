import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';
import { makeVenv } from '../helpers/venv.js';
import {
  CAN_RUN,
  type HostileWorld,
  hostileWorld,
  MEMORY_CAP_KB,
  pipwardenLines,
  TIME_CAP_MS,
} from './support.js';

// The hostile-repo corpus (issue 16, "Proof"): every test/hostile/corpus/NN-*.sh
// builds one project tree a cloned repository could hold. Each tree is run
// through the real shims with real pip (Debian's, externally managed), once
// with a venv the test made active and once with no env, as root and as
// nobody, each call under a time cap and an address-space cap (support.ts).
// Counted per call:
//   exec    a planted executable (or Python, or JS) ran: it left a mark;
//   hang    the call outlived the time cap;
//   crash   a signal, a stack trace, an abort, an out-of-memory;
//   writes  a path in the tree or HOME changed that pipwarden or pip may not
//           change (allowed: pip's and pipwarden's caches, pipwarden's state
//           and data dirs, and a .venv pipwarden made where none was);
//   lines   pipwarden's messages beyond those of a clean tree for the same
//           call, against the `# lines: env=N noenv=M` header of the tree:
//           one line per fault, none for a tree pipwarden has nothing to say about.
// All must be 0 except the lines, which must match. CI runs a seeded sample
// (the seed is printed); PIPWARDEN_HOSTILE_ALL=1 runs every tree, and
// PIPWARDEN_HOSTILE_SAMPLE=N and PIPWARDEN_HOSTILE_SEED=S pick another sample.
const CORPUS = join(import.meta.dirname, 'corpus');
const canRun = CAN_RUN;

interface Tree {
  name: string;
  script: string;
  lines: { env: number; noenv: number };
  /** `# nobody: env=N noenv=M`: where nobody cannot even open the file (a block device), so it is absent. */
  nobodyLines: { env: number; noenv: number };
}

function trees(): Tree[] {
  return readdirSync(CORPUS)
    .filter((f) => /^\d+-.*\.sh$/.test(f))
    .sort()
    .map((f) => {
      const text = readFileSync(join(CORPUS, f), 'utf8');
      const m = /^# lines: env=(\d+) noenv=(\d+)$/m.exec(text);
      if (!m) throw new Error(`${f}: no "# lines: env=N noenv=M" header`);
      const lines = { env: Number(m[1]), noenv: Number(m[2]) };
      const n = /^# nobody: env=(\d+) noenv=(\d+)$/m.exec(text);
      return {
        name: f.replace(/\.sh$/, ''),
        script: join(CORPUS, f),
        lines,
        nobodyLines: n ? { env: Number(n[1]), noenv: Number(n[2]) } : lines,
      };
    });
}

/** A seeded sample (mulberry32), so a failing CI sample can be run again. */
function sample<T>(items: T[], size: number, seed: number): T[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, size).sort((a, b) => String(a).localeCompare(String(b)));
}

/** path → what of it may not change, without following links; names as bytes (latin1), not UTF-8. */
function listing(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: Buffer, rel: string, depth: number) => {
    let names: Buffer[];
    try {
      names = readdirSync(dir, { encoding: 'buffer' });
    } catch {
      return;
    }
    for (const n of names) {
      const path = Buffer.concat([dir, Buffer.from('/'), n]);
      const key = `${rel}/${n.toString('latin1')}`;
      let st: ReturnType<typeof lstatSync>;
      try {
        st = lstatSync(path);
      } catch {
        continue;
      }
      // A directory's own mtime changes with its entries, which are listed.
      out.set(
        key,
        st.isDirectory()
          ? `d:${st.ino}:${st.uid}`
          : `${st.mode}:${st.ino}:${st.uid}:${st.size}:${st.mtimeMs}`,
      );
      if (st.isDirectory() && depth < 1000 && out.size < 100_000) walk(path, key, depth + 1);
    }
  };
  walk(Buffer.from(root), '', 0);
  return out;
}

const ALLOWED_IN_HOME = [
  /^\/\.cache\//,
  /^\/\.local\/state\/pipwarden\//,
  /^\/\.local\/share\/pipwarden\//,
];
const CRASH =
  /\n\s+at [^\n]+:\d+:\d+\)?\n|Traceback \(most recent call last\)|FATAL ERROR|bad_alloc|Segmentation fault|core dumped|Aborted|out of memory|Killed/;

interface Counts {
  calls: number;
  exec: number;
  hang: number;
  crash: number;
  writes: number;
  lines: number;
  lineMismatch: number;
}

async function runCorpus(
  w: HostileWorld,
  list: Tree[],
): Promise<{ counts: Counts; faults: string[] }> {
  const counts: Counts = {
    calls: 0,
    exec: 0,
    hang: 0,
    crash: 0,
    writes: 0,
    lines: 0,
    lineMismatch: 0,
  };
  const faults: string[] = [];
  const envVenv = makeVenv(DEBIAN_PYTHON, join(w.root, 'env'));
  w.own(envVenv);
  const install = ['install', '--no-index', '--find-links', w.wheels, 'pwdemo'];
  const calls = {
    env: { VIRTUAL_ENV: envVenv, PATH: `${w.shims}:${envVenv}/bin:/usr/bin:/bin` },
    noenv: {},
  } as const;
  const call = (dir: string, extra: Record<string, string>) => w.pipIn(dir, install, extra);
  // What pipwarden says in a clean tree, per call: no fault's line.
  const baseline = new Map<string, Set<string>>();
  const clean = join(w.root, 'clean');
  mkdirSync(clean);
  w.own(clean);
  const norm = (text: string, dir: string) => text.split(dir).join('<tree>');
  for (const [kind, extra] of Object.entries(calls)) {
    const r = await call(clean, extra);
    baseline.set(kind, new Set(pipwardenLines(norm(r.stderr, clean))));
  }
  for (const tree of list) {
    const dir = join(w.root, 'trees', tree.name);
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', [tree.script, dir, w.marks], { stdio: 'pipe' });
    w.own(dir);
    for (const [kind, extra] of Object.entries(calls) as [
      keyof typeof calls,
      Record<string, string>,
    ][]) {
      const marksBefore = new Set(w.ran());
      const before = { tree: listing(dir), home: listing(w.home) };
      const venvBefore = existsSync(join(dir, '.venv')) || lexists(join(dir, '.venv'));
      const r = await call(dir, extra);
      counts.calls++;
      const where = `${tree.name} (${kind})`;
      const ran = w.ran().filter((m) => !marksBefore.has(m));
      if (ran.length) {
        counts.exec += ran.length;
        faults.push(`${where}: ran ${ran.join(', ')}`);
      }
      if (r.timedOut) {
        counts.hang++;
        faults.push(`${where}: hung past ${TIME_CAP_MS} ms`);
      }
      const output = `${r.stdout}\n${r.stderr}`;
      if (!r.timedOut && (r.signal !== null || CRASH.test(output))) {
        counts.crash++;
        faults.push(
          `${where}: crashed (${r.signal ?? `exit ${r.status}`}): ${output.slice(0, 300)}`,
        );
      }
      const changed = [
        ...diff(before.tree, listing(dir)).filter(
          (p) => !(p === '/.venv' || p.startsWith('/.venv/')) || venvBefore,
        ),
        ...diff(before.home, listing(w.home))
          .filter((p) => !ALLOWED_IN_HOME.some((re) => re.test(p)))
          .map((p) => `~${p}`),
      ];
      if (changed.length) {
        counts.writes += changed.length;
        faults.push(`${where}: changed ${changed.slice(0, 5).join(', ')}`);
      }
      const base = baseline.get(kind) as Set<string>;
      const extraLines = pipwardenLines(norm(r.stderr, dir)).filter((l) => !base.has(l));
      counts.lines += extraLines.length;
      const expected = (w.asNobody ? tree.nobodyLines : tree.lines)[kind];
      if (extraLines.length !== expected) {
        counts.lineMismatch++;
        faults.push(
          `${where}: ${extraLines.length} lines, expected ${expected}:\n    ${extraLines.join('\n    ')}`,
        );
      }
    }
  }
  return { counts, faults };
}

function lexists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function diff(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of b) if (a.get(k) !== v) out.push(k);
  for (const k of a.keys()) if (!b.has(k)) out.push(k);
  return out;
}

describe.skipIf(!canRun)('the hostile-repo corpus', () => {
  const all = trees();
  const everything = process.env.PIPWARDEN_HOSTILE_ALL === '1';
  const seed = Number(process.env.PIPWARDEN_HOSTILE_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const size = Number(process.env.PIPWARDEN_HOSTILE_SAMPLE ?? 8);
  const names = everything
    ? all.map((t) => t.name)
    : sample(
        all.map((t) => t.name),
        size,
        seed,
      );
  const list = all.filter((t) => names.includes(t.name));
  const only = process.env.PIPWARDEN_HOSTILE_USER;

  it('has at least 60 trees', () => {
    expect(all.length).toBeGreaterThanOrEqual(60);
  });

  for (const asNobody of [false, true]) {
    const who = asNobody ? 'nobody' : 'root';
    it.skipIf(only !== undefined && only !== who)(
      `${who}: no code runs, nothing hangs or crashes or writes elsewhere, one line per fault`,
      async () => {
        process.stdout.write(
          `hostile corpus (${who}): ${everything ? `all ${list.length} trees` : `${list.length} of ${all.length} trees, seed ${seed} (PIPWARDEN_HOSTILE_SEED=${seed}; PIPWARDEN_HOSTILE_ALL=1 for all)`}; caps ${TIME_CAP_MS / 1000} s, ${MEMORY_CAP_KB / 1024} MiB\n`,
        );
        const w = hostileWorld(asNobody);
        const { counts, faults } = await runCorpus(w, list);
        const table = [
          '| user | trees | calls | code executions | hangs | crashes | writes outside | fault lines | line-count mismatches |',
          '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
          `| ${who} | ${list.length} | ${counts.calls} | ${counts.exec} | ${counts.hang} | ${counts.crash} | ${counts.writes} | ${counts.lines} | ${counts.lineMismatch} |`,
        ].join('\n');
        process.stdout.write(`${table}\n${faults.map((f) => `  ${f}`).join('\n')}\n`);
        const report = process.env.PIPWARDEN_HOSTILE_REPORT;
        if (report) writeFileSync(`${report}.${who}`, `${table}\n${faults.join('\n')}\n`);
        expect(faults, faults.join('\n')).toEqual([]);
      },
      60 * 60_000,
    );
  }
});
