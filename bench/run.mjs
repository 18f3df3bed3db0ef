#!/usr/bin/env node
// pipwarden's speed goals, measured against direct calls and pyenv's shims in
// one run on this machine. `npm run bench` (builds first). Not a test: timing
// depends on the machine, so goals live here, never in the test suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'dist', 'cli', 'main.js');
const PYENV_ROOT = process.env.PYENV_ROOT ?? join(process.env.HOME ?? '/root', '.pyenv');
const RUNS = Number(process.env.BENCH_RUNS ?? 40);

const version = readdirSync(join(PYENV_ROOT, 'versions'))
  .filter((v) => v.startsWith('3.12'))
  .sort()
  .pop();
if (!version) throw new Error(`bench needs a pyenv 3.12 under ${PYENV_ROOT}`);
const pyBin = join(PYENV_ROOT, 'versions', version, 'bin');

const tmp = mkdtempSync(join(tmpdir(), 'pipwarden-bench-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const home = join(tmp, 'home');
const shims = join(tmp, 'shims');
mkdirSync(home, { recursive: true });
const baseEnv = {
  HOME: home,
  PIP_CONFIG_FILE: '/dev/null',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
  PIPWARDEN_SHIM_DIR: shims,
  PIPWARDEN_CACHE_DIR: join(home, '.cache', 'pipwarden'),
  PIPWARDEN_ORG_CONFIG_DIR: join(tmp, 'etc'),
  XDG_CONFIG_HOME: join(home, '.config'),
  XDG_DATA_HOME: join(home, '.local', 'share'),
  LANG: 'C.UTF-8',
};
const directPath = `${pyBin}:/usr/bin:/bin`;
const shimPath = `${shims}:${directPath}`;
const pyenvEnv = {
  ...baseEnv,
  PATH: `${PYENV_ROOT}/shims:${PYENV_ROOT}/bin:/usr/bin:/bin`,
  PYENV_ROOT,
  PYENV_VERSION: version,
};

const rehash = spawnSync(process.execPath, [MAIN, 'rehash'], {
  env: { ...baseEnv, PATH: directPath },
  encoding: 'utf8',
});
if (rehash.status !== 0) throw new Error(`rehash failed: ${rehash.stderr}`);

// A wheel for the engine path (pip install --dry-run decides but installs nothing).
const wheels = join(tmp, 'wheels');
mkdirSync(wheels);
writeFileSync(
  join(tmp, 'mkwheel.py'),
  [
    'import zipfile, sys',
    "d = 'pwdemo-0.1.dist-info'",
    "with zipfile.ZipFile(sys.argv[1], 'w') as z:",
    "    z.writestr('pwdemo/__init__.py', '')",
    "    z.writestr(d + '/METADATA', 'Metadata-Version: 2.1\\nName: pwdemo\\nVersion: 0.1\\n')",
    "    z.writestr(d + '/WHEEL', 'Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n')",
    "    z.writestr(d + '/RECORD', '')",
  ].join('\n'),
);
spawnSync(join(pyBin, 'python3'), [
  join(tmp, 'mkwheel.py'),
  join(wheels, 'pwdemo-0.1-py3-none-any.whl'),
]);

function once(argv, env) {
  const t = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { env, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Time several commands interleaved, so drift on a busy machine hits them all alike. */
function timeTogether(variants) {
  const samples = variants.map(() => []);
  for (let i = 0; i < RUNS + 3; i++) {
    variants.forEach((v, j) => {
      const ms = once(...v);
      if (i >= 3) samples[j].push(ms); // warm-up runs fill the probe cache and the OS caches
    });
  }
  return samples.map((s) => {
    s.sort((a, b) => a - b);
    return { median: s[Math.floor(s.length / 2)], p90: s[Math.floor(s.length * 0.9)] };
  });
}

const cases = [
  {
    name: 'python3 -c pass',
    direct: [[join(pyBin, 'python3'), '-c', 'pass'], { ...baseEnv, PATH: directPath }],
    shim: [[join(shims, 'python3'), '-c', 'pass'], { ...baseEnv, PATH: shimPath }],
    pyenv: [[join(PYENV_ROOT, 'shims', 'python3'), '-c', 'pass'], pyenvEnv],
  },
  {
    name: 'pip --version',
    direct: [[join(pyBin, 'pip'), '--version'], { ...baseEnv, PATH: directPath }],
    shim: [[join(shims, 'pip'), '--version'], { ...baseEnv, PATH: shimPath }],
    pyenv: [[join(PYENV_ROOT, 'shims', 'pip'), '--version'], pyenvEnv],
  },
  {
    name: 'pip install --dry-run (engine decides)',
    direct: [
      [join(pyBin, 'pip'), 'install', '--dry-run', '--no-index', '--find-links', wheels, 'pwdemo'],
      { ...baseEnv, PATH: directPath },
    ],
    shim: [
      [join(shims, 'pip'), 'install', '--dry-run', '--no-index', '--find-links', wheels, 'pwdemo'],
      { ...baseEnv, PATH: shimPath },
    ],
    pyenv: [
      [
        join(PYENV_ROOT, 'shims', 'pip'),
        'install',
        '--dry-run',
        '--no-index',
        '--find-links',
        wheels,
        'pwdemo',
      ],
      pyenvEnv,
    ],
  },
];

// Goals: the shim must cost next to nothing where Node does not start, and
// stay cheaper than pyenv's own shims everywhere.
const goals = {
  'python3 -c pass': { maxRatioDirect: 1.15, maxRatioPyenv: 1.0 },
  'pip --version': { maxRatioDirect: 1.1, maxRatioPyenv: 1.0 },
  'pip install --dry-run (engine decides)': { maxRatioDirect: 1.6, maxRatioPyenv: 1.2 },
};

const hasPyenv =
  existsSync(join(PYENV_ROOT, 'shims', 'python3')) && existsSync(join(PYENV_ROOT, 'bin', 'pyenv'));
let missed = 0;
const rows = [];
for (const c of cases) {
  const [direct, shim, pyenv = null] = timeTogether(
    hasPyenv ? [c.direct, c.shim, c.pyenv] : [c.direct, c.shim],
  );
  const rDirect = shim.median / direct.median;
  const rPyenv = pyenv ? shim.median / pyenv.median : null;
  const g = goals[c.name];
  const ok = rDirect <= g.maxRatioDirect && (rPyenv === null || rPyenv <= g.maxRatioPyenv);
  if (!ok) missed++;
  rows.push([
    c.name,
    direct.median.toFixed(1),
    shim.median.toFixed(1),
    pyenv ? pyenv.median.toFixed(1) : '-',
    rDirect.toFixed(2),
    rPyenv === null ? '-' : rPyenv.toFixed(2),
    `≤${g.maxRatioDirect} / ≤${g.maxRatioPyenv}`,
    ok ? 'met' : 'MISSED',
  ]);
}

const head = ['case', 'direct ms', 'pipwarden ms', 'pyenv ms', 'vs direct', 'vs pyenv', 'goal', ''];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log(`pipwarden bench: medians of ${RUNS} runs, Python ${version}, node ${process.version}`);
console.log(line(head));
for (const r of rows) console.log(line(r));
// The engine alone: what a deciding pip call pays on top of pip, against
// the floor of starting Node at all.
const planArgs = [
  process.execPath,
  MAIN,
  'shell-plan',
  '--real',
  join(pyBin, 'pip'),
  '--name',
  'pip',
  '--',
  'install',
  'pwdemo',
];
const [nodeFloor, engine] = timeTogether([
  [[process.execPath, '-e', '0'], { ...baseEnv, PATH: directPath }],
  [planArgs, { ...baseEnv, PATH: shimPath }],
]);
const engineGoal = 100;
const engineOk = engine.median - nodeFloor.median <= engineGoal;
if (!engineOk) missed++;
console.log(
  `engine (shell-plan, warm probe cache): ${engine.median.toFixed(1)} ms median, p90 ${engine.p90.toFixed(1)} ms; ` +
    `node -e 0: ${nodeFloor.median.toFixed(1)} ms; engine's own cost ${(engine.median - nodeFloor.median).toFixed(1)} ms ` +
    `(goal ≤${engineGoal} ms) ${engineOk ? 'met' : 'MISSED'}`,
);
if (missed) {
  console.log(`${missed} goal(s) missed`);
  process.exitCode = 1;
}
