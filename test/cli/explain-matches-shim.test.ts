import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pipwarden, ROOT, runCommand } from '../helpers/cli.js';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';
import { makeVenv, sitePackages } from '../helpers/venv.js';
import { makeWholeEnv, type WholeEnv } from '../helpers/whole-env.js';
import { basePython, type ShellWorld, shellWorld } from '../shell/support/world.js';

// What `pipwarden explain` says a call prints is what the shim prints: both
// come from one renderer (src/core/render/notices.ts). For every situation
// (one file each in src/core/decide/situations/) and the org's rules, the
// call goes through the real shim to the real pip (dry runs, refusals, or
// installs into temp dirs only), and explain's "prints (stderr):" block is
// compared with the shim's `pipwarden:` lines on stderr, line for line.

const SITUATIONS = join(ROOT, 'src', 'core', 'decide', 'situations');
const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

interface Case {
  env: Record<string, string>;
  cwd: string;
  /** The command as typed: its first word is found through the shims on PATH. */
  argv: string[];
  /** What the lines must say: the situation applied, in its words. */
  says: RegExp;
  /** Run inside a mount namespace, after this sh (a read-only bind mount). */
  mounts?: string;
}

type Setup = (w: ShellWorld) => Case;

function project(w: ShellWorld, config?: string): string {
  const dir = join(w.root, 'proj');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "p"\n');
  if (config !== undefined) writeFileSync(join(dir, '.pipwardenrc.yaml'), config);
  return dir;
}

const dry = (w: ShellWorld, pkg = 'pwa') => [
  'install',
  '--dry-run',
  '--no-index',
  '--find-links',
  w.wheels,
  pkg,
];

/** The copy's new mtimes make its .pyc files stale: let it write fresh ones (it is the test's own). */
const OWN_PYC = { PYTHONDONTWRITEBYTECODE: undefined };

/**
 * A pixi-like env that is a whole interpreter, in `<tmp>/pixi-proj/.pixi/envs/default`:
 * one for both pixi cases (copying an interpreter takes seconds), removed after them.
 */
let pixiEnv: WholeEnv | null = null;
let pixiRoot: string | null = null;
function pixiWhole(_w: ShellWorld): WholeEnv {
  if (pixiEnv) return pixiEnv;
  pixiRoot = mkdtempSync(join(tmpdir(), 'pipwarden-pixi-'));
  pixiEnv = makeWholeEnv(basePython(), join(pixiRoot, 'pixi-proj', '.pixi', 'envs', 'default'), {
    kind: 'pixi',
    pip: true,
  });
  return pixiEnv;
}

/** The interpreter no env holds: pyenv's own (nothing is installed into it: refusals, a new venv, dry runs). */
const bare = () => dirname(basePython());

const CASES: Record<string, Setup> = {
  'user-in-venv': (w) => {
    const venv = w.venv('venv');
    return {
      env: w.env({ PATH: w.path(join(venv, 'bin')), VIRTUAL_ENV: venv }),
      cwd: project(w),
      says: /not the user site: --user is ignored in a venv/,
      argv: ['pip', ...dry(w), '--user'],
    };
  },
  // A conda env is a whole interpreter (not a venv): pip would take --user.
  'user-in-conda-env': (w) => {
    const ml = makeWholeEnv(basePython(), join(w.root, 'ml'), { kind: 'conda', pip: true });
    return {
      env: w.env({ PATH: w.path(join(ml.prefix, 'bin')), ...ml.activation }),
      cwd: project(w),
      says: /installing into the active conda env .*, not the user site; user mode \(--user\) is turned off/,
      argv: ['pip', ...dry(w), '--user'],
    };
  },
  // PIP_USER=1 set once, --target typed: pip alone cannot combine them.
  'user-with-location': (w) => {
    const venv = w.venv('venv');
    return {
      env: w.env({ PATH: w.path(join(venv, 'bin')), VIRTUAL_ENV: venv, PIP_USER: '1' }),
      cwd: project(w),
      says: /installing into --target .*, not the user site: user mode \(PIP_USER in the environment\) is turned off/,
      argv: ['pip', ...dry(w), '--target', join(w.root, 'target')],
    };
  },
  'foreign-env': (w) => {
    const conda = w.condaPrefix('conda');
    return {
      env: w.env({ CONDA_PREFIX: conda, CONDA_DEFAULT_ENV: 'conda' }),
      cwd: project(w),
      says: /installing into the active conda env .*, through pip --python/,
      argv: ['pip', ...dry(w)],
    };
  },
  'no-env (venv: a new venv, and how to activate it)': (w) => ({
    env: w.env({ PATH: w.path(bare()), SHELL: '/usr/bin/fish' }),
    cwd: project(w, 'onNoEnv: venv\n'),
    says: /next: to use it in this shell: source .*\/\.venv\/bin\/activate\.fish/,
    argv: ['pip', ...dry(w)],
  }),
  'no-env (refuse)': (w) => ({
    env: w.env({ PATH: w.path(bare()) }),
    cwd: project(w, 'onNoEnv: refuse\n'),
    says: /refused: [\s\S]*next: python3 -m venv \.venv/,
    argv: ['pip', ...dry(w)],
  }),
  'no-pip': (w) => {
    const venv = makeVenv(basePython(), join(w.root, 'pipless'), { withoutPip: true });
    return {
      // Not activated: with VIRTUAL_ENV the line is the short "into the active venv" one.
      env: w.env({ PATH: w.path(join(venv, 'bin'), bare()) }),
      cwd: project(w),
      says: /has no pip .*; running pip .* --python/,
      argv: ['python', '-m', 'pip', ...dry(w)],
    };
  },
  'pixi-env (pip: the lock will not keep it)': (w) => {
    const env = pixiWhole(w);
    return {
      env: w.env({ PATH: w.path(join(env.prefix, 'bin')), ...env.activation, ...OWN_PYC }),
      cwd: project(w),
      says: /pip installs into pixi env .*; pixi's lock file does not record it/,
      argv: ['pip', 'install', '--no-index', '--find-links', w.wheels, 'pwa'],
    };
  },
  'pixi-env (pixi-add: a stand-in pixi runs in the project)': (w) => {
    const env = pixiWhole(w);
    const bin = join(w.root, 'fake-bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'pixi'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const root = env.activation.PIXI_PROJECT_ROOT as string;
    return {
      env: w.env({
        PATH: w.path(join(env.prefix, 'bin'), bin),
        ...env.activation,
        PIXI_PROJECT_MANIFEST: join(root, 'pixi.toml'),
        PIPWARDEN_ON_PIXI_ENV: 'pixi-add',
        ...OWN_PYC,
      }),
      cwd: project(w),
      says: /running pixi add --pypi in .* instead of pip/,
      argv: ['pip', 'install', 'pwa>=0.1'],
    };
  },
  'not-writable (a read-only site-packages)': (w) => {
    const venv = makeVenv(basePython(), join(w.root, 'ro'), { systemSitePackages: true });
    const site = sitePackages(venv);
    return {
      env: w.env({ PATH: w.path(join(venv, 'bin')), VIRTUAL_ENV: venv }),
      cwd: project(w),
      says: /is not writable: installing with --user into/,
      argv: ['pip', ...dry(w)],
      mounts: `mount --bind ${q(site)} ${q(site)} && mount -o remount,ro,bind ${q(site)}`,
    };
  },
  'not-writable (refuse: next steps checked against the policy)': (w) => {
    const venv = makeVenv(basePython(), join(w.root, 'ro'), { systemSitePackages: true });
    const site = sitePackages(venv);
    return {
      env: w.env({ PATH: w.path(join(venv, 'bin')), VIRTUAL_ENV: venv }),
      cwd: project(w, 'onNotWritable: refuse\n'),
      says: /refused: .* is not writable\npipwarden: next: python3 -m venv/,
      argv: ['pip', ...dry(w)],
      mounts: `mount --bind ${q(site)} ${q(site)} && mount -o remount,ro,bind ${q(site)}`,
    };
  },
  sudo: (w) => ({
    env: w.env({ PATH: w.path(bare()), SUDO_USER: 'alice' }),
    cwd: project(w),
    says: /warning: running pip as root via sudo \(SUDO_USER=alice\)/,
    argv: ['pip', ...dry(w)],
  }),
  'externally-managed': (w) => ({
    env: w.env({ PATH: [w.shims, '/usr/bin', '/bin'].join(':') }),
    cwd: project(w),
    says: /externally managed \(PEP 668\), so pip would refuse[\s\S]*; or set onExternallyManaged: venv/,
    // Not a dry run: pip skips its PEP 668 check for those. pipwarden refuses
    // in pip's place, so pip never runs (and would refuse by itself).
    argv: ['python3', '-m', 'pip', 'install', '--no-index', '--find-links', w.wheels, 'pwa'],
  }),
  'pip-python-mismatch (and announce: true)': (w) => {
    // Only a `pip` here, pyenv's own (a dry run installs nothing); python3 is the world's "system" venv.
    const stray = join(w.root, 'stray-bin');
    mkdirSync(stray, { recursive: true });
    symlinkSync(join(bare(), 'pip'), join(stray, 'pip'));
    return {
      env: w.env({ PATH: w.path(stray), PIPWARDEN_ANNOUNCE: '1' }),
      cwd: project(w),
      says: /but python3 is Python .*: installing for python3 into .*\/sys \(.* -m pip\)\npipwarden: pip install → .*\/sys \(Python 3\.\d+\)$/,
      argv: ['pip', ...dry(w)],
    };
  },
  'rules (an index the org does not allow)': (w) => ({
    env: w.env(),
    cwd: project(
      w,
      [
        'rules:',
        '  - when: { indexNotIn: ["https://pypi.example.org/*"] }',
        '    action: refuse',
        '    message: "use the company index"',
        '',
      ].join('\n'),
    ),
    says: /use the company index\npipwarden: refused: .* is not an approved index[\s\S]*next: drop --index-url/,
    argv: ['pip', 'install', '--index-url', 'https://elsewhere.example.com/simple', 'pwa'],
  }),
  "rules (refuse outside any env, in the rule's words)": (w) => ({
    env: w.env({ PATH: w.path(bare()) }),
    cwd: project(
      w,
      [
        'rules:',
        '  - when: { env: [system] }',
        '    action: refuse',
        '    message: "installs go into a venv here"',
        '',
      ].join('\n'),
    ),
    says: /refused: installs go into a venv here\npipwarden: next: python3 -m venv/,
    argv: ['pip', ...dry(w)],
  }),
};

/** explain's "prints (stderr):" lines, as the shim would write them. */
function explainLines(out: string): string[] {
  const at = out.indexOf('prints (stderr):\n');
  if (at === -1) return [];
  return out
    .slice(at)
    .split('\n')
    .slice(1)
    .filter((l) => l.startsWith('  pipwarden:'))
    .map((l) => l.slice(2));
}

const shimLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('pipwarden:'));

function viaShim(c: Case): { status: number | null; stderr: string } {
  const script = `${c.mounts ? `${c.mounts} && ` : ''}cd ${q(c.cwd)} && exec ${c.argv.map(q).join(' ')}`;
  if (!c.mounts) return runCommand(['sh', '-c', script], { env: c.env, cwd: c.cwd });
  return runCommand(['unshare', '-m', '--propagation', 'private', 'sh', '-c', script], {
    env: c.env,
    cwd: c.cwd,
  });
}

function viaExplain(c: Case): { status: number | null; stdout: string; stderr: string } {
  if (!c.mounts) return pipwarden(['explain', '--', ...c.argv], { env: c.env, cwd: c.cwd });
  const main = join(ROOT, 'dist', 'cli', 'main.js');
  const script = `${c.mounts} && cd ${q(c.cwd)} && exec ${[process.execPath, main, 'explain', '--', ...c.argv].map(q).join(' ')}`;
  return runCommand(['unshare', '-m', '--propagation', 'private', 'sh', '-c', script], {
    env: c.env,
    cwd: c.cwd,
  });
}

const missing = [
  process.getuid?.() === 0 ? null : 'root (for unshare -m and SUDO_USER)',
  existsSync(DEBIAN_PYTHON) ? null : DEBIAN_PYTHON,
  spawnSync('unshare', ['--help']).status === 0 ? null : 'unshare (util-linux)',
].filter((m): m is string => m !== null);
if (missing.length > 0 && process.env.CI === 'true') {
  throw new Error(`explain-matches-shim needs ${missing.join(', ')}`);
}

describe.skipIf(missing.length > 0)('explain prints what the shim prints', () => {
  afterAll(() => {
    if (pixiRoot) rmSync(pixiRoot, { recursive: true, force: true });
  });

  it('covers every situation file', () => {
    // situation.ts holds the type every situation reads, not a situation.
    const files = readdirSync(SITUATIONS)
      .map((f) => f.replace(/\.ts$/, ''))
      .filter((f) => f !== 'situation');
    const covered = Object.keys(CASES).map((k) => k.split(' ')[0]);
    for (const f of files) expect(covered).toContain(f);
    expect(covered).toContain('rules');
  });

  it.each(Object.keys(CASES))('%s', { timeout: 180_000 }, (name) => {
    const w = shellWorld(['pwa']);
    const c = (CASES[name] as Setup)(w);
    // explain first: the shim's call may create the venv explain would find.
    const explained = viaExplain(c);
    expect(explained.status, explained.stderr).toBe(0);
    const said = explainLines(explained.stdout);
    const shim = viaShim(c);
    expect(shimLines(shim.stderr)).toEqual(said);
    // The situation applied: pipwarden spoke, and said this.
    expect(said.join('\n')).toMatch(c.says);
  });
});
