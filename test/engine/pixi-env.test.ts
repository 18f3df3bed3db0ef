import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipwarden, type RunResult, runCommand } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { installedIn } from '../helpers/venv.js';
import { buildWheel } from '../helpers/wheel.js';
import { makeWholeEnv, type WholeEnv } from '../helpers/whole-env.js';
import { cachedWorld } from '../shell/support/cached-world.js';

// onPixiEnv, through the real shims, in a pixi-like env that is a whole
// interpreter with pixi's activation variables. pip installs go in with real
// pip (and say pixi's lock will not keep them); `onPixiEnv: pixi-add` runs
// a stand-in `pixi` that records its working directory and argv: that
// command line is the contract with pixi.

const py312 = pyenvPython('3.12');
const noPy312 = needs('pyenv Python 3.12', py312);

const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

const LOCK =
  "pixi's lock file does not record it, so the next pixi command may undo it (prefix-dev/pixi#1233)";

interface Setup {
  root: string;
  home: string;
  shims: string;
  wheels: string;
  proj: string;
  manifest: string;
  env: WholeEnv;
  fakeBin: string;
  log: string;
  /** A cloned tree: its own pixi.toml, and a `pixi` that leaves a mark if anything runs it. */
  cloned: string;
  mark: string;
}

describe.skipIf(noPy312)('a pixi env (a whole interpreter), through the shims', () => {
  let s: Setup;

  // One world for every case (copying an interpreter takes seconds): each
  // case installs its own package, and the stand-in's log is reset.
  beforeAll(() => {
    const root = mkdtempSync(join(tmpdir(), 'pipwarden-pixi-'));
    const home = join(root, 'home');
    const shims = join(root, 'shims');
    const wheels = join(root, 'wheels');
    mkdirSync(wheels, { recursive: true });
    for (const pkg of ['pwa', 'pwb', 'pwc', 'pwd']) buildWheel(wheels, pkg, '0.1');
    const proj = join(root, 'proj');
    mkdirSync(proj, { recursive: true });
    const manifest = join(proj, 'pixi.toml');
    writeFileSync(manifest, '[workspace]\nname = "proj"\n');
    const env = makeWholeEnv(py312 as string, join(proj, '.pixi', 'envs', 'default'), {
      kind: 'pixi',
      pip: true,
    });
    const fakeBin = join(root, 'fake-bin');
    mkdirSync(fakeBin, { recursive: true });
    const log = join(root, 'pixi.log');
    writeFileSync(
      join(fakeBin, 'pixi'),
      `#!/bin/sh\n{ printf 'cwd=%s\\n' "$(pwd)"; for a in "$@"; do printf 'arg=%s\\n' "$a"; done; echo end; } >> ${q(log)}\n`,
      { mode: 0o755 },
    );
    const cloned = join(root, 'cloned');
    mkdirSync(cloned, { recursive: true });
    writeFileSync(join(cloned, 'pixi.toml'), '[workspace]\nname = "evil"\n');
    const mark = join(root, 'tree-pixi-ran');
    writeFileSync(join(cloned, 'pixi'), `#!/bin/sh\ntouch ${q(mark)}\n`, { mode: 0o755 });
    s = { root, home, shims, wheels, proj, manifest, env, fakeBin, log, cloned, mark };
    const r = pipwarden(['rehash'], {
      env: baseEnv({ PATH: [join(env.prefix, 'bin'), '/usr/bin', '/bin'].join(':') }),
    });
    if (r.status !== 0) throw new Error(`rehash failed: ${r.stderr}`);
  }, 180_000);

  afterAll(() => {
    if (s) rmSync(s.root, { recursive: true, force: true });
  });

  function baseEnv(extra: Record<string, string> = {}) {
    return hermeticEnv(s.home, {
      // The env is the test's own copy: let it keep .pyc files (the copy's
      // new mtimes made the pyenv ones stale), or each pip call takes 15 s.
      PYTHONDONTWRITEBYTECODE: undefined,
      PIPWARDEN_SHIM_DIR: s.shims,
      PIPWARDEN_CACHE_DIR: join(s.home, '.cache', 'pipwarden'),
      PIPWARDEN_ORG_CONFIG_DIR: join(s.root, 'etc-pipwarden'),
      ...extra,
    });
  }

  /** The activated pixi shell; `.` on PATH (the cloned tree) before the real pixi. */
  function shellEnv(extra: Record<string, string> = {}, withPixi = true) {
    const dirs = [s.shims, join(s.env.prefix, 'bin'), '.', ...(withPixi ? [s.fakeBin] : [])];
    return baseEnv({
      PATH: [...dirs, '/usr/bin', '/bin'].join(':'),
      ...s.env.activation,
      PIXI_PROJECT_MANIFEST: s.manifest,
      ...extra,
    });
  }

  function viaShim(argv: string[], env: Record<string, string>) {
    const script = `cd ${q(s.cloned)} && exec ${argv.map(q).join(' ')}`;
    return runCommand(['sh', '-c', script], { env, cwd: s.cloned });
  }

  function pixiCalls(): string[][] {
    if (!existsSync(s.log)) return [];
    const calls: string[][] = [];
    let current: string[] = [];
    for (const line of readFileSync(s.log, 'utf8').split('\n')) {
      if (line === 'end') {
        calls.push(current);
        current = [];
      } else if (line) current.push(line);
    }
    return calls;
  }

  const pip = (pkg: string) => ['install', '--no-index', '--find-links', s.wheels, pkg];
  const userSite = () => join(s.home, '.local', 'lib');

  /** The stand-in's record of `pixi add --manifest-path <manifest> --pypi <specs>`, run in the project root. */
  const pixiAdd = (...specs: string[]) => [
    `cwd=${s.proj}`,
    'arg=add',
    'arg=--manifest-path',
    `arg=${s.manifest}`,
    'arg=--pypi',
    ...specs.map((spec) => `arg=${spec}`),
  ];

  /** pixi-add not used: real pip installed `pkg` into the env, and pipwarden said why and what next. */
  function expectPipInstead(r: RunResult, pkg: string, why: string, next: string) {
    expect(r.status, r.stderr).toBe(0);
    expect(installedIn(s.env.prefix, pkg)).toBe(true);
    expect(r.stderr).toContain(
      `pipwarden: warning: onPixiEnv: pixi-add not used: ${why}, so pip runs as typed`,
    );
    expect(r.stderr).toContain(`pipwarden: warning: next: ${next}`);
  }

  it('default (pip): real pip installs into the env, and one line says the lock will not keep it', () => {
    const r = viaShim(['pip', ...pip('pwa')], shellEnv());
    expect(r.status, r.stderr).toBe(0);
    expect(installedIn(s.env.prefix, 'pwa')).toBe(true);
    expect(existsSync(userSite())).toBe(false);
    expect(r.stderr).toContain(`pipwarden: pip installs into pixi env ${s.env.prefix}; ${LOCK}`);
    expect(pixiCalls()).toEqual([]);
  });

  it('pixi-add: pixi add --pypi in the project root, the names as typed, and again (no replay)', () => {
    rmSync(s.log, { force: true });
    const env = shellEnv({ PIPWARDEN_ON_PIXI_ENV: 'pixi-add' });
    const expected = pixiAdd('pwb>=0.1', 'pwc');
    for (let n = 1; n <= 2; n++) {
      const r = viaShim(['pip', 'install', 'pwb>=0.1', 'pwc'], env);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain(
        `pipwarden: running pixi add --pypi in ${s.proj} instead of pip, so pixi's manifest and lock file record it`,
      );
      expect(pixiCalls()).toEqual(Array(n).fill(expected));
    }
    expect(installedIn(s.env.prefix, 'pwb')).toBe(false);
    // Neither the tree's pixi (`.` on PATH) nor its pixi.toml was used.
    expect(existsSync(s.mark)).toBe(false);
  });

  it('pixi-add: python -m pip install is the same pixi add', () => {
    rmSync(s.log, { force: true });
    const env = shellEnv({ PIPWARDEN_ON_PIXI_ENV: 'pixi-add' });
    const r = viaShim(['python', '-m', 'pip', 'install', 'Pwd[extra]'], env);
    expect(r.status, r.stderr).toBe(0);
    expect(pixiCalls()).toEqual([pixiAdd('Pwd[extra]')]);
  });

  it('pixi-add through pipwarden run: the same command, in the project root', () => {
    rmSync(s.log, { force: true });
    const env = shellEnv({ PIPWARDEN_ON_PIXI_ENV: 'pixi-add' });
    const r = pipwarden(['run', '--', 'pip', 'install', 'pwc'], { env, cwd: s.cloned });
    expect(r.status, r.stderr).toBe(0);
    expect(pixiCalls()).toEqual([pixiAdd('pwc')]);
    expect(existsSync(s.mark)).toBe(false);
  });

  it('pixi-add, a form pixi cannot take (--no-index --find-links): real pip installs, and says why', () => {
    rmSync(s.log, { force: true });
    const r = viaShim(['pip', ...pip('pwb')], shellEnv({ PIPWARDEN_ON_PIXI_ENV: 'pixi-add' }));
    expectPipInstead(
      r,
      'pwb',
      'pixi add --pypi has no equivalent for --no-index',
      'add the packages to [pypi-dependencies] in the pixi manifest, then pixi install',
    );
    expect(pixiCalls()).toEqual([]);
  });

  it('pixi-add without pixi on PATH: real pip installs, and the next step names pixi', () => {
    const env = shellEnv({ PIPWARDEN_ON_PIXI_ENV: 'pixi-add' }, false);
    const r = viaShim(['pip', ...pip('pwc')], env);
    expectPipInstead(
      r,
      'pwc',
      'pixi is not on PATH (absolute entries only)',
      'install pixi (https://pixi.sh) or put it on PATH',
    );
    // The tree's own `pixi`, found only through `.` on PATH, never ran.
    expect(existsSync(s.mark)).toBe(false);
  });

  it('a project config in the cloned tree cannot turn pixi-add on', () => {
    rmSync(s.log, { force: true });
    writeFileSync(join(s.cloned, '.pipwardenrc.yaml'), 'onPixiEnv: pixi-add\n');
    try {
      const r = viaShim(['pip', ...pip('pwd')], shellEnv());
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(
        /onPixiEnv: runs pixi add, .*ignored because the file is not trusted/,
      );
      expect(installedIn(s.env.prefix, 'pwd')).toBe(true);
      expect(pixiCalls()).toEqual([]);
    } finally {
      rmSync(join(s.cloned, '.pipwardenrc.yaml'));
    }
  });

  // The bundle, through shims that count Node's starts (cachedWorld), in the same pixi env.
  it('a call that runs pixi is decided afresh each time; the lock notice replays as printed', {
    timeout: 300_000,
  }, () => {
    const w = cachedWorld();
    const log = join(w.root, 'pixi.log');
    const fakeBin = join(w.root, 'fake-bin');
    mkdirSync(fakeBin, { recursive: true });
    writeFileSync(join(fakeBin, 'pixi'), `#!/bin/sh\necho "$(pwd) $*" >> ${q(log)}\n`, {
      mode: 0o755,
    });
    const shell = {
      PATH: [w.shims, join(s.env.prefix, 'bin'), fakeBin, '/usr/bin', '/bin'].join(':'),
      VIRTUAL_ENV: undefined,
      PYTHONDONTWRITEBYTECODE: undefined,
      ...s.env.activation,
      PIXI_PROJECT_MANIFEST: s.manifest,
    };
    const pixiAdd = { ...shell, PIPWARDEN_ON_PIXI_ENV: 'pixi-add' };
    for (let n = 1; n <= 3; n++) {
      const r = w.call(['install', 'pwdemo'], { env: pixiAdd });
      expect(r.status, r.stderr).toBe(0);
      expect(r.nodeStarts, 'a pixi plan is never replayed').toBe(1);
    }
    const line = `${s.proj} add --manifest-path ${s.manifest} --pypi pwdemo`;
    expect(readFileSync(log, 'utf8')).toBe(`${line}\n${line}\n${line}\n`);

    const lines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('pipwarden:'));
    const args = ['install', '--no-index', '--find-links', w.wheels, 'pwdemo'];
    const calls = [1, 2, 3].map(() => w.call(args, { env: shell }));
    for (const c of calls) expect(c.status, c.stderr).toBe(0);
    expect(installedIn(s.env.prefix, 'pwdemo')).toBe(true);
    expect(lines(calls[0]?.stderr ?? '')).toEqual([
      `pipwarden: pip installs into pixi env ${s.env.prefix}; ${LOCK}`,
    ]);
    // Once the install has settled, the plan is replayed without Node, and says the same.
    expect(calls[2]?.nodeStarts).toBe(0);
    expect(lines(calls[2]?.stderr ?? '')).toEqual(lines(calls[0]?.stderr ?? ''));
  });
});
