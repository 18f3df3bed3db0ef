import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipwarden, runCommand } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { buildWheel } from '../helpers/wheel.js';
import { makeWholeEnv, type WholeEnv } from '../helpers/whole-env.js';

// pip and python disagree (pypa/pip#3166): the `pip` a PATH gives belongs to
// another interpreter than its `python3`. Two whole interpreters (copies of
// pyenv 3.11 and 3.12, each with its own pip) in the PATH orders people
// have; real pip, real shims, and where the files landed.

const REAL_PYENV = '/root/.pyenv/libexec/pyenv';
const py311 = pyenvPython('3.11');
const py312 = pyenvPython('3.12');
const missing = needs('pyenv Pythons 3.11 and 3.12', py311 !== null && py312 !== null);

/** A shim as `pyenv rehash` writes it, for our own PYENV_ROOT. */
function pyenvShim(root: string): string {
  return `#!/usr/bin/env bash
set -e
program="\${0##*/}"
export PYENV_ROOT="${root}"
exec "${REAL_PYENV}" exec "$program" "$@"
`;
}

function script(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o755 });
  chmodSync(path, 0o755);
}

interface World {
  root: string;
  home: string;
  shims: string;
  wheels: string;
  pyenvRoot: string;
  /** pyenv's 3.11.7 and 3.12.1: whole interpreters with pip. */
  a: WholeEnv;
  b: WholeEnv;
  env: (path: string[], extra?: Record<string, string>) => Record<string, string>;
  install: (pkg: string) => string;
}

let w: World;

beforeAll(() => {
  if (missing) return;
  const root = mkdtempSync(join(tmpdir(), 'pipwarden-mismatch-'));
  const home = join(root, 'home');
  const shims = join(root, 'shims');
  const wheels = join(root, 'wheels');
  const pyenvRoot = join(root, 'pyenv');
  mkdirSync(wheels, { recursive: true });
  for (const p of ['pwa', 'pwb', 'pwc', 'pwd', 'pwe', 'pwf', 'pwg', 'pwh', 'pwi'])
    buildWheel(wheels, p, '0.1');
  const a = makeWholeEnv(py311 as string, join(pyenvRoot, 'versions', '3.11.7'), {
    kind: 'plain',
    pip: true,
  });
  const b = makeWholeEnv(py312 as string, join(pyenvRoot, 'versions', '3.12.1'), {
    kind: 'plain',
    pip: true,
  });
  mkdirSync(join(pyenvRoot, 'shims'), { recursive: true });
  for (const name of ['python', 'python3', 'pip', 'pip3'])
    script(join(pyenvRoot, 'shims', name), pyenvShim(pyenvRoot));
  writeFileSync(join(pyenvRoot, 'version'), '3.12.1\n');
  const env = (path: string[], extra: Record<string, string> = {}) =>
    hermeticEnv(home, {
      PATH: [...path, '/usr/bin', '/bin'].join(':'),
      PYENV_ROOT: pyenvRoot,
      PIPWARDEN_SHIM_DIR: shims,
      PIPWARDEN_CACHE_DIR: join(home, '.cache', 'pipwarden'),
      PIPWARDEN_ORG_CONFIG_DIR: join(root, 'etc-pipwarden'),
      ...extra,
    });
  const r = pipwarden(['rehash'], { env: env([join(a.prefix, 'bin')]) });
  if (r.status !== 0) throw new Error(r.stderr);
  w = {
    root,
    home,
    shims,
    wheels,
    pyenvRoot,
    a,
    b,
    env,
    install: (pkg) => `pip install --no-index --find-links ${wheels} ${pkg}`,
  };
});

afterAll(() => {
  if (w) rmSync(w.root, { recursive: true, force: true });
});

/** pyenv's 3.12 python3, as `pyenv which python3` names it. */
function b3(): string {
  return join(w.b.prefix, 'bin', 'python3');
}

function sh(cmd: string, env: Record<string, string>) {
  return runCommand(['/bin/sh', '-c', cmd], { env, cwd: w.root });
}

function ours(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('pipwarden:'));
}

/** `~/.local/bin/pip` left by `pip install --user --upgrade pip` under another Python. */
function userBinPip(target: WholeEnv): string {
  const dir = join(w.home, '.local', 'bin');
  mkdirSync(dir, { recursive: true });
  script(
    join(dir, 'pip'),
    `#!${target.python}\nimport sys\nfrom pip._internal.cli.main import main\nsys.exit(main())\n`,
  );
  return dir;
}

describe.skipIf(missing)(
  'pip and python3 from different interpreters',
  { timeout: 600_000 },
  () => {
    it('a pyenv global with a stale ~/.local/bin/pip: pip alone installs for 3.11, pipwarden for python3 (3.12)', () => {
      const local = userBinPip(w.a);
      const path = [local, join(w.pyenvRoot, 'shims')];
      const alone = sh(w.install('pwa'), w.env(path));
      expect(alone.status).toBe(0);
      expect(installedIn(w.a.prefix, 'pwa')).toBe(true);
      expect(installedIn(w.b.prefix, 'pwa')).toBe(false);

      const r = sh(w.install('pwb'), w.env([w.shims, ...path]));
      expect(r.status, r.stderr).toBe(0);
      expect(ours(r.stderr)).toEqual([
        // pyenv's shim resolved in-process, as `pyenv which python3` prints it.
        `pipwarden: pip is Python 3.11 (${w.a.python})'s, but python3 is Python 3.12 (${b3()}): installing for python3 into ${w.b.prefix} (${b3()} -m pip)`,
      ]);
      expect(installedIn(w.b.prefix, 'pwb')).toBe(true);
      expect(installedIn(w.a.prefix, 'pwb')).toBe(false);
      // python3 imports it now.
      expect(sh('python3 -c "import pwb"', w.env(path)).status).toBe(0);
    });

    it('Homebrew-style /usr/local/bin with python3 and pip3 only, and another pip later: the default points pip at python3', () => {
      // Homebrew's python@3.12 ships python3 and pip3, not pip; `pip` comes from further down PATH.
      const brew = join(w.root, 'usr-local-bin');
      mkdirSync(brew, { recursive: true });
      symlinkSync(w.b.python, join(brew, 'python3'));
      symlinkSync(join(w.b.prefix, 'bin', 'pip3'), join(brew, 'pip3'));
      const other = join(w.root, 'other-bin');
      mkdirSync(other, { recursive: true });
      symlinkSync(join(w.a.prefix, 'bin', 'pip'), join(other, 'pip'));
      const path = [brew, other];
      const alone = sh(w.install('pwc'), w.env(path));
      expect(alone.status).toBe(0);
      expect(installedIn(w.a.prefix, 'pwc')).toBe(true);

      const r = sh(w.install('pwd'), w.env([w.shims, ...path]));
      expect(r.status, r.stderr).toBe(0);
      expect(ours(r.stderr)[0]).toContain(`but python3 is Python 3.12 (${join(brew, 'python3')})`);
      expect(installedIn(w.b.prefix, 'pwd')).toBe(true);
      expect(installedIn(w.a.prefix, 'pwd')).toBe(false);
      // pip3 is python3's own here: nothing to say.
      const own = sh(w.install('pwe').replace(/^pip /, 'pip3 '), w.env([w.shims, ...path]));
      expect(own.status).toBe(0);
      expect(ours(own.stderr)).toEqual([]);
      expect(installedIn(w.b.prefix, 'pwe')).toBe(true);
    });

    it("a pipx-installed pip in ~/.local/bin: the warn, refuse and pip choices, and doctor's line", () => {
      // `pipx install pip` links ~/.local/bin/pip to a venv of its own.
      const venv = makeVenv(
        py311 as string,
        join(w.home, '.local', 'share', 'pipx', 'venvs', 'pip'),
      );
      const bin = join(w.root, 'pipx-bin');
      mkdirSync(bin, { recursive: true });
      symlinkSync(join(venv, 'bin', 'pip'), join(bin, 'pip'));
      const path = [w.shims, bin, join(w.pyenvRoot, 'shims')];
      const set = (v: string) => ({ PIPWARDEN_ON_PIP_PYTHON_MISMATCH: v });

      const warned = sh(w.install('pwf'), w.env(path, set('warn')));
      expect(warned.status, warned.stderr).toBe(0);
      expect(ours(warned.stderr)).toEqual([
        `pipwarden: warning: pip is Python 3.11 (${venv}/bin/python3.11)'s, but python3 is Python 3.12 (${b3()}): installing into ${venv}, pip's own, not for python3`,
      ]);
      expect(installedIn(venv, 'pwf')).toBe(true);

      const refused = sh(w.install('pwg'), w.env(path, set('refuse')));
      expect(refused.status).toBe(77);
      expect(ours(refused.stderr).at(-1)).toMatch(
        /^pipwarden: next: python3 -m pip install …, or set onPipPythonMismatch: python$/,
      );
      expect(installedIn(venv, 'pwg')).toBe(false);
      expect(installedIn(w.b.prefix, 'pwg')).toBe(false);

      const asPip = sh(w.install('pwh'), w.env(path, set('pip')));
      expect(asPip.status).toBe(0);
      expect(ours(asPip.stderr)).toEqual([]);
      expect(installedIn(venv, 'pwh')).toBe(true);

      const doctor = pipwarden(['doctor'], { env: w.env(path), cwd: w.root });
      expect(doctor.stdout).toMatch(
        new RegExp(
          `pip is Python 3\\.11 \\(${venv}/bin/python3\\.11\\)'s, but python3 is Python 3\\.12`,
        ),
      );
    });

    it('an active venv: onForeignEnv decides, and python3 on PATH is not consulted', () => {
      const active = makeVenv(py311 as string, join(w.root, 'active'));
      // The venv's bin is not first (a tool re-prepended pyenv): pip is the venv's, python3 pyenv's.
      const path = [w.shims, join(w.pyenvRoot, 'shims'), join(active, 'bin')];
      const env = w.env(path, { VIRTUAL_ENV: active });
      const plan = JSON.parse(
        pipwarden(['explain', '--json', '--', 'pip', 'install', 'x'], { env, cwd: w.root }).stdout,
      );
      expect(plan.reasons.map((r: { situation: string }) => r.situation)).not.toContain(
        'pipPythonMismatch',
      );
      expect(plan.command[0]).toBe(join(active, 'bin', 'pip'));
    });

    it('announce: true names the target before the install, and a replay from the plan cache prints it too', () => {
      const venv = makeVenv(py312 as string, join(w.root, 'announced'));
      const env = w.env([w.shims, join(venv, 'bin')], { PIPWARDEN_ANNOUNCE: '1' });
      const line = `pipwarden: pip install → ${venv} (Python 3.12)`;
      const first = sh(w.install('pwi'), env);
      expect(first.status, first.stderr).toBe(0);
      expect(ours(first.stderr)).toEqual([line]);
      const explain = pipwarden(['explain', '--', 'pip', 'install', 'pwi'], { env, cwd: w.root });
      expect(explain.stdout).toContain(line.replace(/^pipwarden: /, ''));
      // The first call probed cold and kept no entry; the second keeps one, with
      // the announcement among the lines it replays; the third replays it.
      const debug = { ...env, PIPWARDEN_PLAN_CACHE_DEBUG: '1' };
      const second = sh(w.install('pwi'), debug);
      expect(ours(second.stderr)).toEqual([line]);
      const plans = join(w.home, '.cache', 'pipwarden', 'plans');
      const entries = readdirSync(plans).map((f) => readFileSync(join(plans, f), 'utf8'));
      const entry = entries.find((e) => e.includes(`pip install → ${venv} (Python 3.12)`));
      expect(entry).toBeDefined();
      const third = sh(w.install('pwi'), debug);
      expect(third.status).toBe(0);
      expect(ours(third.stderr)).toEqual([line]);
    });
  },
);
