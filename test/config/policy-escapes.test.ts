import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../../src/core/config/keys.js';
import { envName } from '../../src/core/config/override-layers.js';
import { PLAN_CACHE_FORMAT } from '../../src/core/render/plan-cache-entry.js';
import { renderShim } from '../../src/core/render/shim.js';
import { MAIN, ROOT, type RunResult, runCommand } from '../helpers/cli.js';
import { hermeticEnv, SYSTEM_PATH } from '../helpers/env.js';
import { canUnshare, inPrivateEtc, staged } from '../helpers/private-etc.js';
import { DEBIAN_PYTHON, pyenvPython } from '../helpers/pythons.js';
import { buildWheel } from '../helpers/wheel.js';
import { makeWholeEnv } from '../helpers/whole-env.js';

// Issue 16, "a user under an org policy": the actor controls its variables,
// PATH, HOME, XDG dirs, pip.conf files and argv, and must never get an install
// the locked policy forbids, through the shims, `pipwarden run` or the
// python shim. /etc/pipwarden/config.yaml names one shipped preset; it exists
// only in a private mount namespace (an overlay over /etc), so the shims see
// a real org machine. Each preset has one forbidden install that real pip
// completes on its own (into a temp dir); every attempt adds one thing the
// actor controls, and nothing may land. Out of scope (docs/security.md): the
// real pip called by its path, the shim dir taken off PATH, and files of code
// the user writes (a plan cache entry, usercustomize, a pip/ of its own).
// no-conda-base's world is a conda base env of its own (a whole interpreter
// with condabin/, activated), whose prefix each attempt overlays, so an
// install into base lands in the attempt's stage.

const py = pyenvPython('3.12');
const skipWhy = !canUnshare ? 'needs root and unshare -m' : !py ? 'needs pyenv 3.12' : '';
if (skipWhy && process.env.CI === 'true') throw new Error(`policy-escapes: ${skipWhy}`);

/** Every shipped preset, read from presets/ so a new one is covered. */
const PRESETS = readdirSync(join(ROOT, 'presets'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length));

/**
 * Every variable pipwarden reads or sets: the `PIPWARDEN_*` and
 * `_PIPWARDEN_*` names in src/ and the installers, one per config key, and
 * every variable the shim's sh expands. A new variable is covered without
 * editing this test.
 */
function pipwardenVariables(): string[] {
  const names = new Set<string>(CONFIG_KEYS.map(envName));
  const texts: string[] = [readFileSync(join(ROOT, 'install.sh'), 'utf8')];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
        texts.push(readFileSync(p, 'utf8'));
    }
  };
  walk(join(ROOT, 'src'));
  // pipwarden's own variables, the XDG dirs the engine lays its files and
  // configs out by, and the conda and pixi activation it tells envs by.
  for (const t of texts)
    for (const m of t.matchAll(/\b(?:_?PIPWARDEN|XDG|_?CONDA|PIXI)_[A-Z0-9_]*[A-Z0-9]\b/g))
      names.add(m[0]);
  const shim = renderShim({
    kind: 'python',
    name: 'python3',
    shimDir: '/s',
    node: '/n',
    main: '/m',
    version: '0',
  });
  for (const m of shim.matchAll(/\$\{?([A-Z_][A-Z0-9_]*)/g)) names.add(m[1] as string);
  // Not variables: the probe's output marker, and prefixes.
  for (const n of ['__PIPWARDEN_PROBE__', 'PIPWARDEN_', '_PIPWARDEN_']) names.delete(n);
  names.delete('PIPWARDEN_PROBE');
  return [...names].sort();
}

/** What python and pip read on the way to pip and its config. */
const OUTSIDE = [
  'PYTHONPATH',
  'PYTHONHOME',
  'PYTHONUSERBASE',
  'PYTHONSAFEPATH',
  'PYTHONNOUSERSITE',
  'PYTHONSTARTUP',
  'XDG_CONFIG_DIRS',
  'XDG_CONFIG_HOME',
  'PIP_CONFIG_FILE',
  'SUDO_USER',
];

/** The interpreter a preset's forbidden install runs, as the shell has it. */
interface Place {
  /** Its bin dir, on PATH after the shims. */
  bin: string;
  /** The variables of its activation. */
  activation: Record<string, string>;
  /** Dirs each attempt overlays, so that what lands in them lands in its stage. */
  overlays: string[];
}

interface World {
  root: string;
  wheels: string;
  shims: string;
  site312: string;
  prefix312: string;
  /** pyenv's 3.12, no env: every preset's but no-conda-base's. */
  system: Place;
  /**
   * An activated conda base env, a whole 3.12 of its own with pip. pyenv's
   * 3.12 is overlaid too: PYTHONHOME and PYTHONPATH attempts point there.
   */
  condaBase: Place;
  /** A permissive pipwarden config and a pip.conf that points at the wheels. */
  loose: { home: string; xdgHome: string; orgDir: string; pipConf: string };
}

let W: World;

beforeAll(() => {
  if (skipWhy) return;
  const root = mkdtempSync(join(tmpdir(), 'pipwarden-escapes-'));
  const wheels = join(root, 'wheels');
  mkdirSync(wheels);
  buildWheel(wheels);
  const bin312 = dirname(py as string);
  const prefix312 = dirname(bin312);
  const site312 = join(prefix312, 'lib', 'python3.12', 'site-packages');
  const shims = join(root, 'shims');
  const env = hermeticEnv(join(root, 'home-rehash'), {
    PATH: `${bin312}:${SYSTEM_PATH}`,
    PIPWARDEN_SHIM_DIR: shims,
  });
  const r = runCommand([process.execPath, MAIN, 'rehash'], { env });
  if (r.status !== 0) throw new Error(`rehash: ${r.stderr}`);
  const loosePipwarden =
    'onNoEnv: pip\nonNotWritable: pip\nonSudo: pip\nallowBreakSystemPackages: true\nrules:\n  - action: pass\n';
  const pipConf = `[global]\nno-index = true\nfind-links = ${wheels}\n`;
  const home = join(root, 'loose-home');
  for (const d of ['.config/pipwarden', '.config/pip', '.pip', 'xdg/pipwarden', 'xdg/pip']) {
    mkdirSync(join(home, d), { recursive: true });
  }
  for (const d of ['.config/pipwarden', 'xdg/pipwarden'])
    writeFileSync(join(home, d, 'config.yaml'), loosePipwarden);
  for (const f of ['.config/pip/pip.conf', '.pip/pip.conf', 'xdg/pip/pip.conf'])
    writeFileSync(join(home, f), pipConf);
  const orgDir = join(root, 'loose-org');
  mkdirSync(orgDir);
  writeFileSync(join(orgDir, 'config.yaml'), loosePipwarden);
  writeFileSync(join(root, 'pip.conf'), pipConf);
  // The actor is not root: what it writes is its own (these tests run as root).
  execFileSync('chown', ['-R', 'nobody:nogroup', home, orgDir]);
  const base = makeWholeEnv(py as string, join(root, 'miniconda3'), {
    kind: 'conda',
    pip: true,
    condaBase: true,
  });
  W = {
    root,
    wheels,
    shims,
    site312,
    prefix312,
    system: { bin: bin312, activation: {}, overlays: [] },
    condaBase: {
      bin: join(base.prefix, 'bin'),
      activation: base.activation,
      overlays: [base.prefix, realpathSync(prefix312)],
    },
    loose: { home, xdgHome: join(home, '.config'), orgDir, pipConf: join(root, 'pip.conf') },
  };
});

afterAll(() => {
  if (W) rmSync(W.root, { recursive: true, force: true });
});

/** The tempting value of a variable: the one most likely to loosen the policy. */
function tempting(name: string, home: string, place: Place): Record<string, string> {
  const L = W.loose;
  const fixed: Record<string, string> = {
    PIPWARDEN_DISABLE: '1',
    _PIPWARDEN_SHIM: '1',
    // The shim's re-entry marker, as if its parent (this process) had exec'd it.
    _PIPWARDEN_EXEC: `${process.pid} pip ${join(place.bin, 'pip')}`,
    _PIPWARDEN_PLAN_FILE: join(home, 'forged-plan'),
    _PIPWARDEN_PLAN_KEY: 'forged',
    PIPWARDEN_ORG_CONFIG_DIR: L.orgDir,
    PIPWARDEN_PLAN_CACHE: '0',
    PIPWARDEN_CACHE_DIR: join(home, 'other-cache'),
    PIPWARDEN_SHIM_DIR: join(home, 'other-shims'),
    PIPWARDEN_RULES: '[]',
    HOME: L.home,
    XDG_CONFIG_HOME: L.xdgHome,
    XDG_CONFIG_DIRS: join(L.home, 'xdg'),
    XDG_CACHE_HOME: join(home, 'other-xdg-cache'),
    XDG_DATA_HOME: join(home, 'other-xdg-data'),
    XDG_STATE_HOME: join(home, 'other-xdg-state'),
    PIP_CONFIG_FILE: L.pipConf,
    PATH: `${W.shims}:${place.bin}:${W.wheels}:${SYSTEM_PATH}`,
    PYTHONPATH: W.site312,
    PYTHONHOME: W.prefix312,
    PYTHONUSERBASE: join(home, 'userbase'),
    PIP_AUTO_COMPLETE: '1',
    COMP_WORDS: 'pip install',
    COMP_CWORD: '2',
    PWD: '/',
    SUDO_USER: '',
    // Another env than base, by name or by place (a dir that is no conda env).
    CONDA_DEFAULT_ENV: 'project',
    CONDA_PREFIX: L.home,
    CONDA_ROOT: L.home,
    _CONDA_ROOT: L.home,
  };
  if (name in fixed) return { [name]: fixed[name] as string };
  if (/^PIPWARDEN_(ON_|ALLOW_)/.test(name))
    return { [name]: name.startsWith('PIPWARDEN_ON_') ? 'pip' : 'true' };
  return { [name]: '1' };
}

/** The routes the policy holds on; `pip by path` (out of scope) is the control that pip alone installs. */
type Route = 'pip shim' | 'python shim' | 'run' | 'pip by path';
const ROUTES: Route[] = ['pip shim', 'python shim', 'run'];

interface Forbidden {
  /** pip's argv after `install`. */
  args: (target: string) => string[];
  env?: Record<string, string>;
  place: Place;
}

/** One install per preset that the preset forbids and real pip completes alone. */
function forbidden(preset: string): Forbidden {
  const f = forbiddenArgs(preset);
  return { ...f, place: preset === 'no-conda-base' ? W.condaBase : W.system };
}

function forbiddenArgs(preset: string): Omit<Forbidden, 'place'> {
  const links = ['--no-index', '--find-links', W.wheels, 'pwdemo'];
  switch (preset) {
    case 'no-conda-base':
      // `pip install x` into the active base, where real pip puts it.
      return { args: () => links };
    case 'no-user-site':
      return { args: () => ['--user', ...links] };
    case 'no-break-system-packages':
      return { args: (t) => ['--break-system-packages', '--target', t, ...links] };
    case 'no-sudo-pip':
      return {
        args: (t) => ['--target', t, ...links],
        env: { SUDO_USER: 'nobody', SUDO_UID: '65534' },
      };
    default:
      // venv-only: --target on the system Python; index-only: an unapproved --find-links.
      return { args: (t) => ['--target', t, ...links] };
  }
}

interface Attempt {
  preset: string;
  route: Route;
  label: string;
  /** Variables to set (undefined: unset), or a function of the attempt's own dir. */
  env?: Record<string, string | undefined> | ((dir: string) => Record<string, string | undefined>);
  /** python's argv before pip's (`-S -m pip`), for the python shim and run's python form; default `-m pip`. */
  pyFlags?: string[];
  /** argv after `install` instead of the preset's forbidden one. */
  args?: (target: string) => string[];
  cwd?: string;
}

/** Every pwdemo that landed anywhere under the world's root or the attempt's home. */
function landed(dirs: string[]): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    try {
      for (const p of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        if (p.endsWith(join('pwdemo', '__init__.py'))) out.push(join(dir, p));
      }
    } catch {
      // Not there: nothing landed.
    }
  }
  return out;
}

function attempt(a: Attempt): { r: RunResult; landed: string[] } {
  const dir = mkdtempSync(join(W.root, 'attempt-'));
  const stage = join(dir, 'stage');
  mkdirSync(staged(stage, '/etc', 'pipwarden'), { recursive: true });
  writeFileSync(staged(stage, '/etc', 'pipwarden/config.yaml'), `presets: [${a.preset}]\n`);
  const home = join(dir, 'home');
  const target = join(dir, 'target');
  const f = forbidden(a.preset);
  const env = hermeticEnv(home, {
    PATH: `${W.shims}:${f.place.bin}:${SYSTEM_PATH}`,
    PIPWARDEN_SHIM_DIR: W.shims,
    // No machine pip.conf: ~/xdg and /etc/pip.conf (a cert) only.
    XDG_CONFIG_DIRS: join(home, 'no-xdg'),
    ...f.place.activation,
    ...f.env,
  });
  const extra = typeof a.env === 'function' ? a.env(dir) : (a.env ?? {});
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  // A pip.conf (PIP_CONFIG_FILE, XDG_*, HOME) is read only with pip's files on.
  if (
    ['XDG_CONFIG_DIRS', 'XDG_CONFIG_HOME', 'HOME'].some((k) => k in extra) &&
    !('PIP_CONFIG_FILE' in extra)
  ) {
    delete env.PIP_CONFIG_FILE;
  }
  const pipArgs = ['install', ...(a.args ?? f.args)(target)];
  const pyArgs = [...(a.pyFlags ?? ['-m', 'pip']), ...pipArgs];
  const argv =
    a.route === 'pip by path'
      ? [join(f.place.bin, 'pip'), ...pipArgs]
      : a.route === 'pip shim'
        ? ['pip', ...pipArgs]
        : a.route === 'python shim'
          ? ['python3', ...pyArgs]
          : [
              process.execPath,
              MAIN,
              'run',
              '--',
              ...(a.pyFlags ? ['python3', ...pyArgs] : ['pip', ...pipArgs]),
            ];
  const r = inPrivateEtc(stage, argv, {
    env,
    cwd: a.cwd ?? dir,
    dirs: ['/etc', ...f.place.overlays],
  });
  // The stage is in `dir`: what landed in an overlaid dir is found there.
  return { r, landed: landed([dir, W.loose.home, W.loose.orgDir]) };
}

/** Seeded, so a failure can be replayed: POLICY_ESCAPES_SEED=<n>. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function attempts(): Attempt[] {
  if (skipWhy) return [];
  const all = process.env.POLICY_ESCAPES_ALL === '1';
  const seed = Number(process.env.POLICY_ESCAPES_SEED ?? Date.now() % 100000);
  const pick = rng(seed);
  const choose = <T>(xs: readonly T[]) => xs[Math.floor(pick() * xs.length)] as T;
  console.log(
    `policy-escapes: seed ${seed}${all ? ', every preset and route' : ' (POLICY_ESCAPES_ALL=1 for every preset and route)'}`,
  );
  const out: Attempt[] = [];
  const names = [...pipwardenVariables(), ...OUTSIDE];
  for (const name of names) {
    const combos = all
      ? PRESETS.flatMap((preset) => ROUTES.map((route) => ({ preset, route })))
      : [{ preset: choose(PRESETS), route: choose(ROUTES) }];
    for (const { preset, route } of combos) {
      // Under no-sudo-pip, SUDO_USER is the fact itself (sudo sets it; a user who can sudo is root).
      if (name === 'SUDO_USER' && preset === 'no-sudo-pip') continue;
      const place = forbidden(preset).place;
      out.push({
        preset,
        route,
        label: name,
        env: (dir) => tempting(name, join(dir, 'home'), place),
      });
    }
  }
  return out;
}

describe.skipIf(skipWhy !== '')(`a locked policy cannot be escaped ${skipWhy}`, () => {
  it('the variables come from the source, and include the internal ones', () => {
    const names = pipwardenVariables();
    for (const n of [
      '_PIPWARDEN_SHIM',
      '_PIPWARDEN_EXEC',
      '_PIPWARDEN_PLAN_FILE',
      'PIPWARDEN_DISABLE',
      'PIPWARDEN_ORG_CONFIG_DIR',
      'PIPWARDEN_ON_NO_ENV',
      'PIP_AUTO_COMPLETE',
      'XDG_CACHE_HOME',
      'CONDA_PREFIX',
      'CONDA_DEFAULT_ENV',
      'PIXI_IN_SHELL',
    ]) {
      expect(names).toContain(n);
    }
  });

  it('without an attempt, each preset refuses its forbidden install on every route (the control)', () => {
    for (const preset of PRESETS) {
      for (const route of ROUTES) {
        const { r, landed: got } = attempt({ preset, route, label: 'none' });
        expect(r.status, `${preset} via ${route}: ${r.stderr}`).toBe(77);
        expect(got, `${preset} via ${route}`).toEqual([]);
      }
    }
  });

  it("real pip alone installs no-conda-base's forbidden install, and it is found in the stage", () => {
    // The proof that the conda base world's overlay catches what lands in base.
    const { r, landed: got } = attempt({
      preset: 'no-conda-base',
      route: 'pip by path',
      label: 'pip alone',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(got).toHaveLength(1);
    expect(got[0]).toContain(join('lib', 'python3.12', 'site-packages', 'pwdemo'));
  });

  it('every variable pipwarden reads or sets, set from outside, changes nothing', () => {
    const failures: string[] = [];
    for (const a of attempts()) {
      const { r, landed: got } = attempt(a);
      if (got.length > 0 || r.status === 0) {
        failures.push(
          `${a.label} under ${a.preset} via ${a.route}: exit ${r.status}, landed ${got.join(' ')}\n${r.stderr}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });
});

/**
 * python's options that change what it imports, each with `-m pip` under
 * venv-only through the python shim and run, and under no-conda-base (the
 * active base's python) through the python shim: run decides the same way,
 * and the second route would double the time.
 */
const PYTHON_FORMS: [string, string[], Record<string, string>?, 'cwd'?][] = [
  ['-S with PYTHONPATH (the issue)', ['-S', '-m', 'pip'], { PYTHONPATH: 'site312' }],
  ['-Sm pip', ['-Sm', 'pip'], { PYTHONPATH: 'site312' }],
  ['-ISm pip', ['-ISm', 'pip'], { PYTHONPATH: 'site312' }],
  ['-E -S, pip in the cwd', ['-E', '-S', '-m', 'pip'], {}, 'cwd'],
  ['-S -m pip.__pip-runner__', ['-S', '-m', 'pip.__pip-runner__'], { PYTHONPATH: 'site312' }],
  [
    '-Xfrozen_modules=off -S',
    ['-Xfrozen_modules=off', '-S', '-m', 'pip'],
    { PYTHONPATH: 'site312' },
  ],
  [
    "PYTHONPATH holding Debian's pip",
    ['-m', 'pip'],
    { PYTHONPATH: '/usr/lib/python3/dist-packages' },
  ],
  ['PYTHONHOME', ['-m', 'pip'], { PYTHONHOME: 'prefix312' }],
  ['-X dev', ['-X', 'dev', '-m', 'pip']],
  ['-I', ['-I', '-m', 'pip']],
  ['-E with PYTHONPATH', ['-E', '-m', 'pip'], { PYTHONPATH: 'site312' }],
  ['-s', ['-s', '-m', 'pip']],
  ['-P', ['-P', '-m', 'pip']],
  ['-B -W ignore', ['-B', '-W', 'ignore', '-m', 'pip']],
  ['-mpip', ['-mpip']],
  ['-m pip.__main__', ['-m', 'pip.__main__']],
  ['-m pip.__pip-runner__', ['-m', 'pip.__pip-runner__']],
  ['--check-hash-based-pycs never', ['--check-hash-based-pycs', 'never', '-m', 'pip']],
];

describe.skipIf(skipWhy !== '')(`python's import flags cannot escape a lock ${skipWhy}`, () => {
  it.each(PYTHON_FORMS)('%s', (label, flags, vars = {}, cwd) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(vars))
      env[k] = v === 'site312' ? W.site312 : v === 'prefix312' ? W.prefix312 : v;
    const tries = [
      ['venv-only', 'python shim'],
      ['venv-only', 'run'],
      ['no-conda-base', 'python shim'],
    ] as const;
    for (const [preset, route] of tries) {
      const { r, landed: got } = attempt({
        preset,
        route,
        label,
        env,
        pyFlags: flags,
        ...(cwd ? { cwd: W.site312 } : {}),
      });
      expect(got, `${preset} via ${route}: ${r.stderr}`).toEqual([]);
      expect(r.status, `${preset} via ${route}: ${r.stderr}`).not.toBe(0);
    }
  });
});

// The regressions of issue 16, each failed before its fix.
describe.skipIf(skipWhy !== '')(`issue 16 regressions ${skipWhy}`, () => {
  it('defect 3: _PIPWARDEN_SHIM=1 pip install --target is refused under venv-only', () => {
    const { r, landed: got } = attempt({
      preset: 'venv-only',
      route: 'pip shim',
      label: 'marker',
      env: { _PIPWARDEN_SHIM: '1' },
    });
    expect(got).toEqual([]);
    expect(r.status, r.stderr).toBe(77);
  });

  it('defect 3: PYTHONPATH=<site-packages> python3 -S -m pip install --target is refused under venv-only', () => {
    const { r, landed: got } = attempt({
      preset: 'venv-only',
      route: 'python shim',
      label: '-S',
      env: { PYTHONPATH: W.site312 },
      pyFlags: ['-S', '-m', 'pip'],
    });
    expect(got).toEqual([]);
    expect(r.status, r.stderr).toBe(77);
    expect(r.stderr).toMatch(/python -S/);
  });

  it("defect 4: XDG_CONFIG_DIRS='~/xdg' with an unapproved find-links in ~/xdg/pip/pip.conf is refused under index-only", () => {
    // pip 23.2.1 (pyenv 3.12) expands ~ in each XDG_CONFIG_DIRS entry.
    const home = join(W.root, 'defect4-home');
    mkdirSync(join(home, 'xdg', 'pip'), { recursive: true });
    writeFileSync(
      join(home, 'xdg', 'pip', 'pip.conf'),
      `[global]\nno-index = true\nfind-links = ${W.wheels}\n`,
    );
    const { r, landed: got } = attempt({
      preset: 'index-only',
      route: 'pip shim',
      label: 'xdg',
      env: { HOME: home, XDG_CONFIG_DIRS: '~/xdg', PIP_CONFIG_FILE: undefined },
      args: (t) => ['--target', t, 'pwdemo'],
    });
    expect(landed([home]), r.stderr).toEqual([]);
    expect(got).toEqual([]);
    expect(r.status, r.stderr).toBe(77);
    expect(r.stderr).toContain(join(home, 'xdg', 'pip', 'pip.conf'));
  });
});

// _PIPWARDEN_PLAN_FILE and _PIPWARDEN_PLAN_KEY name where the engine files a
// plan cache entry and the call it is for. Set by hand around a call the
// policy allows (`pip download`, same argument count), they filed a "pass"
// under the key of a forbidden install, and the shim replayed it: the plan
// runs the shim's own "$1" "$2"…, so the forbidden install ran.
describe.skipIf(skipWhy !== '')(`a forged plan cache key ${skipWhy}`, () => {
  it('files nothing, so the forbidden install still reaches the engine and is refused', () => {
    const dir = mkdtempSync(join(W.root, 'forged-key-'));
    const stage = join(dir, 'stage');
    mkdirSync(staged(stage, '/etc', 'pipwarden'), { recursive: true });
    writeFileSync(staged(stage, '/etc', 'pipwarden/config.yaml'), 'presets: [venv-only]\n');
    const env = hermeticEnv(join(dir, 'home'), {
      PATH: `${W.shims}:${dirname(py as string)}:${SYSTEM_PATH}`,
      PIPWARDEN_SHIM_DIR: W.shims,
      REAL: join(dirname(py as string), 'pip'),
      BUNDLE: join(ROOT, 'dist', 'bundle', 'main.js'),
      NODE: process.execPath,
    });
    const script = [
      'set -- install --target "$PWD/target" --no-index --find-links "$1" pwdemo',
      `k="${PLAN_CACHE_FORMAT} \${#REAL}:$REAL \${#PWD}:$PWD $#"`,
      `for a do k="$k \${#a}:$a"; done`,
      `f=$XDG_CACHE_HOME/pipwarden/plans/pip.\${#k}`,
      '_PIPWARDEN_PLAN_FILE=$f _PIPWARDEN_PLAN_KEY=$k "$NODE" "$BUNDLE" shell-plan --real "$REAL" --name pip -- download a b c d e f >/dev/null',
      'if [ -e "$f" ]; then echo "filed $f" >&2; fi',
      'exec pip "$@"',
    ].join('\n');
    const r = inPrivateEtc(stage, ['sh', '-c', script, 'sh', W.wheels], { env, cwd: dir });
    expect(r.stderr).not.toContain('filed ');
    expect(landed([dir])).toEqual([]);
    expect(r.status, r.stderr).toBe(77);
  });
});

// $XDG_CONFIG_DIRS/pipwarden is a lower org layer, and an org layer's rules
// come before the situations: a `pass` rule in a dir the user chose stepped
// around venv-only's locked onNoEnv. Debian's python3 with /usr/local
// overlaid, so a regression lands in the stage.
describe.skipIf(skipWhy !== '')(`an org layer the user names in XDG_CONFIG_DIRS ${skipWhy}`, () => {
  it('is not an org layer, so its pass rule does not get past venv-only', () => {
    const dir = mkdtempSync(join(W.root, 'xdg-org-'));
    const fake = join(dir, 'xdg');
    mkdirSync(join(fake, 'pipwarden'), { recursive: true });
    writeFileSync(join(fake, 'pipwarden', 'config.yaml'), 'rules:\n  - action: pass\n');
    execFileSync('chown', ['-R', 'nobody:nogroup', fake]);
    const stage = join(dir, 'stage');
    mkdirSync(staged(stage, '/etc', 'pipwarden'), { recursive: true });
    writeFileSync(staged(stage, '/etc', 'pipwarden/config.yaml'), 'presets: [venv-only]\n');
    const env = hermeticEnv(join(dir, 'home'), {
      PATH: `${W.shims}:${SYSTEM_PATH}`,
      PIPWARDEN_SHIM_DIR: W.shims,
      XDG_CONFIG_DIRS: fake,
    });
    const args = [
      '-m',
      'pip',
      'install',
      '--break-system-packages',
      '--no-index',
      '--find-links',
      W.wheels,
      'pwdemo',
    ];
    for (const argv of [
      ['python3', ...args],
      [process.execPath, MAIN, 'run', '--', 'python3', ...args],
    ]) {
      const r = inPrivateEtc(stage, argv, { env, cwd: dir, dirs: ['/etc', '/usr/local'] });
      expect(landed([staged(stage, '/usr/local')]), r.stderr).toEqual([]);
      expect(r.status, r.stderr).toBe(77);
    }
  });
});

// A venv's python under -S has its base interpreter's sys.prefix: with pip
// from PYTHONPATH it installs into the base. venv-only lets venvs install, so
// only the engine's -S check stands in the way. Debian's python3, with
// /usr/local overlaid too, so a regression lands in the stage, not the machine.
describe.skipIf(skipWhy !== '')(`a venv's python with -S ${skipWhy}`, () => {
  it('is refused under venv-only instead of installing into the base interpreter', () => {
    const dir = mkdtempSync(join(W.root, 'venv-S-'));
    const venv = join(dir, 'venv');
    const made = runCommand([DEBIAN_PYTHON, '-m', 'venv', '--without-pip', venv], {
      env: hermeticEnv(join(dir, 'h')),
    });
    expect(made.status, made.stderr).toBe(0);
    const stage = join(dir, 'stage');
    mkdirSync(staged(stage, '/etc', 'pipwarden'), { recursive: true });
    writeFileSync(staged(stage, '/etc', 'pipwarden/config.yaml'), 'presets: [venv-only]\n');
    const shims = join(dir, 'shims');
    const env = hermeticEnv(join(dir, 'home'), {
      PATH: `${shims}:${join(venv, 'bin')}:${SYSTEM_PATH}`,
      PIPWARDEN_SHIM_DIR: shims,
      PYTHONPATH: '/usr/lib/python3/dist-packages',
    });
    const rehash = runCommand([process.execPath, MAIN, 'rehash'], { env });
    expect(rehash.status, rehash.stderr).toBe(0);
    const args = [
      '-S',
      '-m',
      'pip',
      'install',
      '--break-system-packages',
      '--no-index',
      '--find-links',
      W.wheels,
      'pwdemo',
    ];
    for (const argv of [
      ['python3', ...args],
      [process.execPath, MAIN, 'run', '--', 'python3', ...args],
    ]) {
      const r = inPrivateEtc(stage, argv, { env, cwd: dir, dirs: ['/etc', '/usr/local'] });
      expect(landed([staged(stage, '/usr/local'), venv]), r.stderr).toEqual([]);
      expect(r.status, r.stderr).toBe(77);
    }
  });
});
