#!/usr/bin/env node
// pipwarden's speed targets (issue 10), measured in one run on this machine,
// interleaving the variants of each case so drift on a busy machine hits
// them alike: direct, through pipwarden's shim, through pyenv's shim.
// `npm run bench` (builds first); BENCH_RUNS=N samples per variant (default 20).
// `--smoke`: one sample, no RESULTS.md, no verdict (.ci/run checks it runs).
// Not a test: timing depends on the machine, so targets live here.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, homedir, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { childCpu, makeWorld, must, NODE, PYENV_ROOT, ROOT, shimHarness } from './world.mjs';

// The bundle: what the shims run (cliMain prefers it), so the engine rows measure what they pay.
const MAIN = join(ROOT, 'dist', 'bundle', 'main.js');
const SMOKE = process.argv.includes('--smoke');
const RUNS = SMOKE ? 1 : Number(process.env.BENCH_RUNS ?? 20);
const WARM = SMOKE ? 1 : 3;
const log = (s) => process.stderr.write(`${s}\n`);

const { versions, version, pyBin, tmp, baseEnv: world } = makeWorld('bench');
const hasPyenv =
  existsSync(join(PYENV_ROOT, 'shims', 'python3')) && existsSync(join(PYENV_ROOT, 'bin', 'pyenv'));

// ---------------------------------------------------------------- the world
const shims = join(tmp, 'shims');
const data = world.XDG_DATA_HOME;
mkdirSync(join(data, 'fish', 'generated_completions'), { recursive: true });
const baseEnv = { ...world, TERM: 'xterm', PIP_NO_INPUT: '1', PIPWARDEN_SHIM_DIR: shims };
const directPath = `${pyBin}:/usr/bin:/bin`;
const direct = { ...baseEnv, PATH: directPath };
const viaShim = { ...baseEnv, PATH: `${shims}:${directPath}` };
const pyenvEnv = {
  ...baseEnv,
  PATH: `${PYENV_ROOT}/shims:${PYENV_ROOT}/bin:/usr/bin:/bin`,
  PYENV_ROOT,
  PYENV_VERSION: version,
};

log('bench: rehash, wheel, venv');
must([NODE, MAIN, 'rehash'], direct, 'rehash');
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
must(
  [join(pyBin, 'python3'), join(tmp, 'mkwheel.py'), join(wheels, 'pwdemo-0.1-py3-none-any.whl')],
  direct,
  'wheel',
);
const venv = join(tmp, 'venv');
must([join(pyBin, 'python3'), '-m', 'venv', venv], direct, 'venv');
const installArgs = ['install', '--no-index', '--find-links', wheels, 'pwdemo'];
must([join(venv, 'bin', 'pip'), ...installArgs], direct, 'first install');
const inVenv = { ...baseEnv, VIRTUAL_ENV: venv, PATH: `${join(venv, 'bin')}:${directPath}` };
const inVenvShim = { ...inVenv, PATH: `${shims}:${join(venv, 'bin')}:${directPath}` };

// ---------------------------------------------------------------- timing
/** One run: wall ms, and the CPU ms its process tree used. */
function once([argv, env, opts = {}]) {
  opts.before?.();
  const c = childCpu();
  const t = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { env, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== (opts.status ?? 0)) throw new Error(`${argv.join(' ')} exited ${r.status}`);
  return [ms, childCpu() - c];
}

function stats(s, cpu = []) {
  s.sort((a, b) => a - b);
  const mean = cpu.reduce((a, b) => a + b, 0) / Math.max(cpu.length, 1);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], cpu: mean };
}

/**
 * Time variants interleaved; warm-up runs fill the probe cache and the OS
 * caches. CPU time is kept beside wall time: on a shared machine a process
 * waits for a core, and CPU time shows what it costs once it has one.
 */
function timeTogether(variants, runs = RUNS) {
  const samples = variants.map(() => []);
  const cpu = variants.map(() => []);
  for (let i = 0; i < runs + WARM; i++) {
    variants.forEach((v, j) => {
      const [ms, c] = once(v);
      if (i >= WARM) {
        samples[j].push(ms);
        cpu[j].push(c);
      }
    });
  }
  return samples.map((s, j) => stats(s, cpu[j]));
}

const rows = [];
const fmt = (s) =>
  s
    ? `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)}; CPU ${s.cpu.toFixed(0)})`
    : '–';
/** One table row: `pw` against `base` (and pyenv), judged by `ok(pw, base)`. */
function row(name, base, pw, pyenv, target, verdict, note = '') {
  rows.push({
    name,
    base: fmt(base),
    pw: fmt(pw),
    pyenv: fmt(pyenv),
    vsDirect:
      base && pw
        ? `${(pw.median / base.median).toFixed(3)}× (+${(pw.median - base.median).toFixed(1)} ms)`
        : '–',
    vsPyenv: pyenv && pw ? `${(pw.median / pyenv.median).toFixed(2)}×` : '–',
    target,
    verdict: verdict === null ? 'report' : verdict ? 'met' : 'MISSED',
    note,
  });
  log(`bench: ${name}: ${fmt(pw)} vs ${fmt(base)}`);
}

// ---------------------------------------------------------------- new shells
const SHELLS = hasCommand('script') ? ['bash', 'zsh', 'fish'].filter(hasCommand) : [];
function hasCommand(c) {
  return spawnSync('sh', ['-c', `command -v ${c}`], { stdio: 'ignore' }).status === 0;
}
const q = (s) => `'${s.replaceAll("'", "'\\''")}'`;
const fq = (s) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
/** The rc line install.sh writes (static file, falling back to init). */
function rcLine(shell) {
  const file = join(data, 'pipwarden', 'init', `init.${shell}`);
  const cli = `${q(NODE)} ${q(MAIN)}`;
  if (shell === 'fish')
    return `if test -r ${fq(file)}; and source ${fq(file)}; else; ${cli} init fish | source; end`;
  return `if [ -r ${q(file)} ] && . ${q(file)}; then :; else eval "$(${cli} init ${shell})"; fi`;
}
const RC = {
  none: () => '',
  static: rcLine,
  node: (shell) =>
    shell === 'fish'
      ? `${q(NODE)} ${q(MAIN)} init fish | source`
      : `eval "$(${q(NODE)} ${q(MAIN)} init ${shell})"`,
  pyenv: (shell) => (shell === 'fish' ? 'pyenv init - | source' : `eval "$(pyenv init -)"`),
};
/** A pty-started interactive shell (script(1)) whose rc file holds `kind`'s line, exiting at once. */
function shellStart(shell, kind) {
  const dir = join(tmp, 'rc', `${shell}-${kind}`);
  mkdirSync(dir, { recursive: true });
  const env = { ...direct, PATH: `${PYENV_ROOT}/bin:${directPath}`, PYENV_ROOT };
  const line = RC[kind](shell);
  let cmd;
  if (shell === 'bash') {
    writeFileSync(join(dir, 'bashrc'), `PS1='$ '\n${line}\n`);
    cmd = `bash --noprofile --rcfile ${q(join(dir, 'bashrc'))} -i -c exit`;
  } else if (shell === 'zsh') {
    writeFileSync(join(dir, '.zshrc'), `PS1='%% '\n${line}\n`);
    env.ZDOTDIR = dir;
    cmd = 'zsh -i -c exit';
  } else {
    mkdirSync(join(dir, 'fish'), { recursive: true });
    writeFileSync(join(dir, 'fish', 'config.fish'), `set -g fish_greeting\n${line}\n`);
    env.XDG_CONFIG_HOME = dir;
    cmd = 'fish -i -c exit';
  }
  return [['script', '-qec', cmd, '/dev/null'], env];
}

for (const shell of SHELLS) {
  const kinds = hasPyenv ? ['none', 'static', 'node', 'pyenv'] : ['none', 'static', 'node'];
  const [none, stat, node, pyenv] = timeTogether(kinds.map((k) => shellStart(shell, k)));
  row(
    `new interactive ${shell} (pty) with the rc line`,
    none,
    stat,
    pyenv,
    '≤ 5 ms above the shell without it',
    stat.median - none.median <= 5,
    `the Node fallback (eval "$(pipwarden init ${shell})", as before): ${fmt(node)}`,
  );
}

// ---------------------------------------------------------------- the prompt hook
const HOOK_N = SMOKE ? 10 : 2000;
function hookLoop(shell, fn) {
  const file = join(data, 'pipwarden', 'init', `init.${shell}`);
  const noop =
    shell === 'fish' ? 'function __pw_noop; return $status; end' : '__pw_noop() { return $?; }';
  if (shell === 'fish') {
    return [
      [
        'fish',
        '--no-config',
        '-c',
        `source ${fq(file)}; ${noop}; for i in (seq ${HOOK_N}); ${fn}; end`,
      ],
      direct,
    ];
  }
  const argv = shell === 'zsh' ? ['zsh', '-f', '-c'] : ['bash', '--norc', '--noprofile', '-c'];
  return [
    [...argv, `. ${q(file)}; ${noop}; i=0; while ((i < ${HOOK_N})); do ${fn}; ((i++)); done`],
    direct,
  ];
}
for (const shell of SHELLS) {
  const [noop, hook] = timeTogether([
    hookLoop(shell, '__pw_noop'),
    hookLoop(shell, '__pipwarden_path'),
  ]);
  const per = (hook.median - noop.median) / HOOK_N;
  rows.push({
    name: `prompt hook, nothing changed (${shell})`,
    base: '–',
    pw: `${(per * 1000).toFixed(1)} µs per prompt`,
    pyenv: '–',
    vsDirect: `${HOOK_N} calls: ${hook.median.toFixed(1)} ms vs ${noop.median.toFixed(1)} ms for an empty function`,
    vsPyenv: '–',
    target: '≤ 0.5 ms per prompt',
    verdict: per <= 0.5 ? 'met' : 'MISSED',
    note: '',
  });
  log(`bench: hook ${shell}: ${per.toFixed(4)} ms`);
}

// ---------------------------------------------------------------- calls through the shims
function three(name, tail, env = [direct, viaShim, pyenvEnv], target, limit) {
  const variants = [
    [[join(pyBin, name), ...tail], env[0]],
    [[join(shims, name), ...tail], env[1]],
  ];
  if (hasPyenv) variants.push([[join(PYENV_ROOT, 'shims', name), ...tail], env[2]]);
  const [d, s, p] = timeTogether(variants);
  row(`${name} ${tail.join(' ')}`, d, s, p ?? null, target, s.median / d.median <= limit);
}
three('python3', ['-S', '-c', 'pass'], undefined, '≤ 1.03× direct', 1.03);
three('pip', ['--version'], undefined, '≤ 1.02× direct', 1.02);
three('pip', ['list'], undefined, '≤ 1.02× direct', 1.02);

// The warm calls below replay the engine's plan from the plan cache
// (docs/plan-cache.md): the warm-up runs leave the entry.
{
  const [d, s] = timeTogether([
    [[join(venv, 'bin', 'pip'), ...installArgs], inVenv],
    [[join(shims, 'pip'), ...installArgs], inVenvShim],
  ]);
  const starts = nodeStarts([join(shims, 'pip'), ...installArgs], inVenvShim);
  row(
    'pip install in a venv, warm, nothing to rewrite (already satisfied)',
    d,
    s,
    null,
    '≤ 25 ms added',
    s.median - d.median <= 25,
    `pyenv: not applicable (its shim does not run a venv’s pip); Node starts per call, warm (strace): ${starts}`,
  );
}

/** How many programs a call execs whose path `matches` (strace), or NaN without strace. */
function execs(argv, env, matches) {
  if (!hasCommand('strace')) return Number.NaN;
  const out = join(tmp, 'strace-execs.log');
  spawnSync('strace', ['-f', '-qq', '-e', 'trace=execve', '-o', out, ...argv], {
    env,
    stdio: 'ignore',
  });
  return readFileSync(out, 'utf8')
    .split('\n')
    .filter((l) => !l.includes('ENOENT'))
    .map((l) => /execve\("([^"]*)"/.exec(l)?.[1])
    .filter((path) => path !== undefined && matches(path)).length;
}
function nodeStarts(argv, env) {
  return execs(argv, env, (path) => path === NODE);
}
function countPythons(argv, env) {
  return execs(argv, env, (path) => /python/.test(path));
}

// ---------------------------------------------------------------- the engine's decision
const planArgv = (extra = []) => [
  NODE,
  MAIN,
  'shell-plan',
  '--real',
  join(venv, 'bin', 'pip'),
  '--name',
  'pip',
  '--',
  ...installArgs,
  ...extra,
];
const rewriteEnv = { ...inVenvShim, PIP_USER: '1' };
const plan = must(planArgv(), rewriteEnv, 'shell-plan');
if (!/PIP_USER|--user|exec /.test(plan)) throw new Error(`unexpected plan:\n${plan}`);

// The shim's whole decision, up to pip (world.mjs), replaying the plan cache entry.
const harness = shimHarness(join(shims, 'pip'), join(tmp, 'harness', 'pip'));
{
  const call = [harness, ...installArgs];
  const [floor, decision] = timeTogether([
    [[NODE, '-e', '0'], direct],
    [call, rewriteEnv],
  ]);
  const pythons = countPythons(call, rewriteEnv);
  const starts = nodeStarts(call, rewriteEnv);
  row(
    'pip install that needs a rewrite (PIP_USER=1 in a venv), warm: the decision',
    floor,
    decision,
    null,
    '≤ 1.1× node -e 0; zero python processes',
    decision.median / floor.median <= 1.1 && pythons === 0,
    `"direct" here is node -e 0; "pipwarden" is the shim up to its exec of pip, replaying the plan cache entry; python processes spawned while deciding (strace): ${pythons}; Node starts: ${starts}`,
  );
}

// A miss: the first call, or one whose inputs changed. The shim starts the
// engine, which decides, records its inputs and writes the entry: the same
// harness as above with the plan cache emptied before each run. (Until
// 2026-12 this row ran `shell-plan` with a key that named no call, so the
// engine neither recorded nor wrote an entry: it measured less than a miss.)
{
  const plans = join(baseEnv.PIPWARDEN_CACHE_DIR, 'plans');
  const emptied = { before: () => rmSync(plans, { recursive: true, force: true }) };
  const call = [harness, ...installArgs];
  emptied.before();
  const pythonsSpawned = countPythons(call, rewriteEnv);
  const [floor, engine] = timeTogether([
    [[NODE, '-e', '0'], direct],
    [call, rewriteEnv, emptied],
  ]);
  row(
    'the same decision when the plan cache misses (first call, or an input changed): the engine',
    floor,
    engine,
    null,
    '≤ 1.1× node -e 0 (CPU)',
    engine.cpu / floor.cpu <= 1.1,
    `"direct" here is node -e 0; CPU ${(engine.cpu / floor.cpu).toFixed(2)}× (the target is CPU time: on a shared machine wall time waits for a core); python processes spawned (strace): ${pythonsSpawned}`,
  );
}

{
  const cache = baseEnv.PIPWARDEN_CACHE_DIR;
  const [warm, cold] = timeTogether([
    [planArgv(), rewriteEnv],
    [planArgv(), rewriteEnv, { before: () => rmSync(cache, { recursive: true, force: true }) }],
  ]);
  row(
    'first call after a new interpreter appears (cold probe)',
    warm,
    cold,
    null,
    'report',
    null,
    '"direct" here is the same decision with a warm probe cache; the difference is one python -I -S probe of the interpreter',
  );
}

// ---------------------------------------------------------------- rehash
{
  const bins = versions.map((v) => join(PYENV_ROOT, 'versions', v, 'bin')).slice(0, 9);
  const path = [...bins, '/usr/bin', '/bin'].join(':');
  const pythons = bins.length + 1;
  const fresh = join(tmp, 'rehash-cold');
  const warmDir = join(tmp, 'rehash-warm');
  const env = (dir) => ({
    ...baseEnv,
    PATH: path,
    PIPWARDEN_SHIM_DIR: dir,
    PYENV_ROOT: join(tmp, 'no-pyenv'),
  });
  must([NODE, MAIN, 'rehash'], env(warmDir), 'rehash');
  const [floor, warm, cold] = timeTogether([
    [[NODE, '-e', '0'], direct],
    [[NODE, MAIN, 'rehash'], env(warmDir)],
    [
      [NODE, MAIN, 'rehash'],
      env(fresh),
      { before: () => rmSync(fresh, { recursive: true, force: true }) },
    ],
  ]);
  const n = readdirSync(fresh).filter((f) => !f.startsWith('.')).length;
  row(
    `pipwarden rehash, ${pythons} Pythons on PATH (${n} shims), nothing to change`,
    floor,
    warm,
    null,
    'report',
    null,
    '"direct" here is node -e 0',
  );
  row(
    `pipwarden rehash, ${pythons} Pythons on PATH (${n} shims), into an empty dir`,
    floor,
    cold,
    null,
    'report',
    null,
    '"direct" here is node -e 0',
  );
}

// ---------------------------------------------------------------- memory
{
  const rss = (argv, env) => {
    if (!existsSync('/usr/bin/time')) return Number.NaN;
    const out = join(tmp, 'rss');
    spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, ...argv], { env, stdio: 'ignore' });
    return Number(readFileSync(out, 'utf8').trim().split('\n').pop());
  };
  const k = SMOKE ? 1 : 5;
  const engine = stats(Array.from({ length: k }, () => rss(planArgv(), rewriteEnv)));
  const floor = stats(Array.from({ length: k }, () => rss([NODE, '-e', '0'], direct)));
  const resident = nodeGoneBeforePip();
  rows.push({
    name: 'memory: peak RSS of the engine (shell-plan)',
    base: `${(floor.median / 1024).toFixed(1)} MB (node -e 0)`,
    pw: `${(engine.median / 1024).toFixed(1)} MB`,
    pyenv: '–',
    vsDirect: `${(engine.median / floor.median).toFixed(2)}×`,
    vsPyenv: '–',
    target: 'report; nothing resident while pip runs',
    verdict: resident ? 'met' : 'MISSED',
    note: `Node exited before pip was exec'd in the shim's own process: ${resident ? 'yes' : 'NO'} (strace -f)`,
  });
}

/** strace a routed pip install: Node's process must be gone before the real pip is exec'd. */
function nodeGoneBeforePip() {
  if (!hasCommand('strace')) return false;
  const out = join(tmp, 'strace-exec.log');
  // -q, not -qq: the "+++ exited" lines are the evidence.
  spawnSync(
    'strace',
    ['-f', '-q', '-e', 'trace=execve', '-o', out, join(shims, 'pip'), ...installArgs],
    {
      // The engine's path (a replay starts no Node at all).
      env: { ...rewriteEnv, PIPWARDEN_PLAN_CACHE: '0' },
      stdio: 'ignore',
    },
  );
  const lines = readFileSync(out, 'utf8').split('\n');
  const nodeLine = lines.findIndex((l) => l.includes(`execve("${NODE}"`));
  const nodePid = lines[nodeLine]?.split(/\s+/)[0];
  const exited = lines.findIndex((l) => l.startsWith(`${nodePid} `) && l.includes('+++ exited'));
  const pip = lines.findIndex((l) => l.includes(`execve("${join(venv, 'bin', 'pip')}"`));
  return nodeLine >= 0 && exited > nodeLine && pip > exited;
}

// ---------------------------------------------------------------- per /bin/sh (issue 21)
// The same shims under each /bin/sh users have: run with the shell as the
// shim's interpreter (a link named `sh`, so each starts as a /bin/sh does).
// Pass-through: python3 -S -c pass. Replayed rewrite: the harness above (the
// pip shim up to its exec of pip) replaying the plan cache entry. Miss: the
// same call with the entry removed first, so the engine decides and records.
const shRows = [];
{
  const candidates = [
    ['dash', 'dash'],
    [
      'bash 3.2 as sh (macOS)',
      join(
        process.env.CI_BASH32_DIR ?? join(homedir(), '.cache', 'pipwarden-ci', 'bash-3.2'),
        'sh',
      ),
    ],
    ['bash 5 as sh', 'bash'],
    ['busybox sh (Alpine)', 'busybox'],
    ['mksh', 'mksh'],
    ['yash', 'yash'],
    ['posh', 'posh'],
    ['zsh as sh', 'zsh'],
  ];
  const plans = join(baseEnv.PIPWARDEN_CACHE_DIR, 'plans');
  const pass = ['-S', '-c', 'pass'];
  let pyenvPass = null;
  for (const [name, bin] of candidates) {
    const path = bin.startsWith('/')
      ? existsSync(bin) && bin
      : spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).stdout.trim();
    if (!path) {
      shRows.push({ name, missing: true });
      log(`bench: ${name}: not installed, skipped`);
      continue;
    }
    const dir = join(tmp, 'sh', name.replace(/[^a-z0-9.]+/gi, '-'));
    mkdirSync(dir, { recursive: true });
    const sh = join(dir, 'sh');
    if (!existsSync(sh)) execFileSync('ln', ['-s', path, sh]);
    const variants = [
      [[join(pyBin, 'python3'), ...pass], direct],
      [[sh, join(shims, 'python3'), ...pass], viaShim],
      [[sh, harness, ...installArgs], rewriteEnv],
      [
        [sh, harness, ...installArgs],
        rewriteEnv,
        { before: () => rmSync(plans, { recursive: true, force: true }) },
      ],
    ];
    const withPyenv = hasPyenv && pyenvPass === null;
    if (withPyenv) variants.push([[join(PYENV_ROOT, 'shims', 'python3'), ...pass], pyenvEnv]);
    // Whole-second shells replay once the inputs are two seconds old: let them age.
    for (let i = 0; i < 4; i++) once([[sh, harness, ...installArgs], rewriteEnv]);
    const [d, through, replay, miss, py] = timeTogether(variants);
    if (withPyenv) pyenvPass = py;
    for (let i = 0; i < 2; i++) once([[sh, harness, ...installArgs], rewriteEnv]);
    const starts = nodeStarts([sh, harness, ...installArgs], rewriteEnv);
    shRows.push({ name, d, through, replay, miss, starts });
    log(
      `bench: ${name}: pass ${fmt(through)}, replay ${fmt(replay)} (${starts} Node), miss ${fmt(miss)}`,
    );
  }
  if (pyenvPass)
    shRows.push({ name: "pyenv's shim (a bash script, whatever /bin/sh is)", pyenv: pyenvPass });
}
const shHead = [
  '/bin/sh',
  'python3 -S -c pass: direct ms',
  'through the shim ms',
  'vs direct',
  'replayed rewrite ms',
  'Node starts on replay (strace)',
  'miss: the engine ms',
];
const shTable = [
  `| ${shHead.join(' | ')} |`,
  `|${shHead.map(() => '---').join('|')}|`,
  ...shRows.map((r) =>
    r.missing
      ? `| ${r.name} | not installed | | | | | |`
      : r.pyenv
        ? `| ${r.name} | | ${fmt(r.pyenv)} | | | | |`
        : `| ${r.name} | ${fmt(r.d)} | ${fmt(r.through)} | ${(r.through.median / r.d.median).toFixed(3)}× | ${fmt(r.replay)} | ${Number.isNaN(r.starts) ? '?' : r.starts} | ${fmt(r.miss)} |`,
  ),
];

// ---------------------------------------------------------------- report
const head = [
  'case',
  'direct ms',
  'pipwarden ms',
  'pyenv ms',
  'pipwarden vs direct',
  'vs pyenv',
  'target',
  '',
];
const table = [
  `| ${head.join(' | ')} |`,
  `|${head.map(() => '---').join('|')}|`,
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.base} | ${r.pw} | ${r.pyenv} | ${r.vsDirect} | ${r.vsPyenv} | ${r.target} | ${r.verdict} |`,
  ),
];
const notes = rows.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB (${(freemem() / 2 ** 30).toFixed(0)} GB free), ${execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim()}, Node ${process.version}, Python ${version}, load average at the end ${loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')}`;
const text = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  `Machine: ${machine}. Medians of ${RUNS} runs per variant, interleaved; in brackets min–max and the mean CPU ms (user + sys, 10 ms ticks) of the process tree.`,
  'The machine is shared with other jobs: read the ratios and differences, not the absolute milliseconds.',
  '',
  ...table,
  '',
  ...notes,
  '',
  '## Per /bin/sh (issue 21)',
  '',
  'The shims run with each shell as their interpreter. "Replayed rewrite" is the pip shim up to its exec of pip (PIP_USER=1 in a venv), replaying the plan cache entry; "miss" removes the entry first, so the shim starts the engine, which decides and records. posh lacks `test -ef/-nt/-O` and yash cannot see names it passes on, so neither replays (docs/plan-cache.md).',
  '',
  ...shTable,
  '',
  readFileSync(join(ROOT, 'bench', 'LEVERS.md'), 'utf8').trimEnd(),
  '',
].join('\n');
console.log(table.join('\n'));
console.log(shTable.join('\n'));
if (!SMOKE) {
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), text);
  log('bench: wrote bench/RESULTS.md');
}
