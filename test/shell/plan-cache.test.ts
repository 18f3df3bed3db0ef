import { spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needs } from '../helpers/prereq.js';
import { sitePackages } from '../helpers/venv.js';
import { type CachedWorld, cachedWorld } from './support/cached-world.js';
import { CASES, installArgs, refused, refuseUserInVenv, warm } from './support/plan-cache-cases.js';

// The plan cache (docs/plan-cache.md), end to end: real shims, a real venv
// and its real pip, and a node that counts its starts. A replay must behave
// exactly as the engine would, and any input the decision read that changes
// must send the next call back to the engine. Each invalidation case below
// changes one input and checks both: Node started again, and the outcome is
// the new input's (where the input changes it), not the cached one.

const quiet = { timeout: 120_000 };

describe('replay', () => {
  it('a warm install in a venv runs pip without starting Node, with the same result', quiet, () => {
    const w = cachedWorld();
    const args = installArgs(w);
    const engine = w.call(args);
    expect(engine.status).toBe(0);
    expect(engine.nodeStarts).toBe(1);
    const replay = warm(w, args);
    expect(replay.status).toBe(0);
    expect(replay.stdout).toContain('Requirement already satisfied: pwdemo');
    expect(replay.stdout).toBe(engine.stdout);
    expect(replay.stderr).toBe(engine.stderr);
    expect(readdirSync(w.plans).filter((f) => f.startsWith('pip.'))).toHaveLength(1);
    expect(statSync(w.plans).mode & 0o777).toBe(0o700);
  });

  it('python3 -m pip replays too, from an entry of its own', quiet, () => {
    const w = cachedWorld();
    const args = ['-m', 'pip', ...installArgs(w, '--user')];
    const engine = w.call(args, { shim: 'python3' });
    const replay = warm(w, args, { shim: 'python3' });
    expect(replay.status).toBe(0);
    expect(replay.stderr).toBe(engine.stderr);
    expect(replay.stdout).toContain('Requirement already satisfied: pwdemo');
    expect(readdirSync(w.plans).some((f) => f.startsWith('python3.'))).toBe(true);
  });

  it('a rewrite replays its notice and the rewrite itself (--user in a venv)', quiet, () => {
    const w = cachedWorld();
    const args = installArgs(w, '--user');
    const engine = w.call(args);
    const replay = warm(w, args);
    expect(replay.status).toBe(0);
    expect(replay.stderr).toBe(engine.stderr);
    expect(replay.stderr).toMatch(/pipwarden: .*not the user site/);
    // pip ran without --user: it is satisfied in the venv rather than refusing user mode.
    expect(replay.stdout).toContain('Requirement already satisfied: pwdemo');
  });

  it("a replayed decision's audit record reaches the log, with the time of the call", quiet, () => {
    const w = cachedWorld();
    const args = installArgs(w, '--user');
    const log = join(w.home, '.local', 'state', 'pipwarden', 'audit.log');
    const pending = `${log}.pending`;
    const t0 = Date.now();
    warm(w, args); // its last call is a replay
    const lines = () => readFileSync(log, 'utf8').trimEnd().split('\n');
    const before = lines().length;
    expect(w.call(args).nodeStarts).toBe(0);
    expect(readdirSync(pending)).toHaveLength(2);
    expect(lines()).toHaveLength(before);
    // The next decision the engine makes folds them in first, oldest first.
    const other = w.call(installArgs(w, '--user', '-q'));
    expect(other.nodeStarts).toBe(1);
    expect(readdirSync(pending)).toEqual([]);
    const all = lines().map((l) => JSON.parse(l) as { time: string; argv: string[] });
    expect(all).toHaveLength(before + 3);
    const folded = all.slice(before, before + 2);
    for (const r of folded) {
      expect(r.argv).toEqual(['pip', ...args]);
      expect(Date.parse(r.time)).toBeGreaterThanOrEqual(t0 - 1000);
      expect(Date.parse(r.time)).toBeLessThanOrEqual(Date.parse(all[before + 2]!.time));
    }
    expect(Date.parse(folded[0]!.time)).toBeLessThanOrEqual(Date.parse(folded[1]!.time));
    expect(all[before + 2]!.argv).toEqual(['pip', ...installArgs(w, '--user', '-q')]);
  });

  it('a file the decision did not read may change: the next call still replays', quiet, () => {
    const w = cachedWorld();
    const args = installArgs(w);
    warm(w, args);
    writeFileSync(join(w.proj, '.notes.swp'), 'an editor was here');
    writeFileSync(join(w.home, '.bash_history'), 'ls\n');
    const r = w.call(args);
    expect(r.nodeStarts).toBe(0);
    expect(r.stdout).toContain('Requirement already satisfied: pwdemo');
  });

  it('site-packages gains a package meanwhile: the next call still replays', quiet, () => {
    const w = cachedWorld();
    const args = installArgs(w);
    warm(w, args);
    // What an install leaves in site-packages (pip also rewrites bin/, which
    // the decision lists for python3.X names, so a real install misses once).
    const pkg = join(sitePackages(w.venvDir), 'pwother');
    mkdirSync(pkg);
    writeFileSync(join(pkg, '__init__.py'), '');
    // The decision only asked whether site-packages is a writable directory.
    expect(w.call(args).nodeStarts).toBe(0);
  });

  it('PIPWARDEN_PLAN_CACHE=0 always asks the engine', quiet, () => {
    const w = cachedWorld();
    const args = installArgs(w);
    warm(w, args);
    expect(w.call(args, { env: { PIPWARDEN_PLAN_CACHE: '0' } }).nodeStarts).toBe(1);
    expect(w.call(args, { env: { PIPWARDEN_PLAN_CACHE: '0' } }).nodeStarts).toBe(1);
  });

  it(
    'an entry that does not parse is a miss: pip still runs and the entry is written anew',
    quiet,
    () => {
      const w = cachedWorld();
      const args = installArgs(w);
      warm(w, args);
      const [name] = readdirSync(w.plans).filter((f) => f.startsWith('pip.'));
      const file = join(w.plans, name!);
      writeFileSync(file, 'if [ "$_pw_k" = x ]; then\n');
      const r = w.call(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Requirement already satisfied: pwdemo');
      expect(r.nodeStarts).toBe(1);
      expect(w.call(args).nodeStarts).toBe(0);
    },
  );

  it('an entry this user does not own is never sourced', quiet, () => {
    const w = cachedWorld();
    const args = installArgs(w);
    warm(w, args);
    const [entry] = readdirSync(w.plans).filter((f) => f.startsWith('pip.'));
    const file = join(w.plans, entry!);
    writeFileSync(file, 'echo SOURCED; exit 9\n');
    chownSync(file, 65534, 65534);
    utimesSync(file, 0, 0);
    const r = w.call(args);
    expect(r.stdout).not.toContain('SOURCED');
    expect(r.status).toBe(0);
    expect(r.nodeStarts).toBe(1);
  });
});

describe('a changed input sends the call back to the engine', () => {
  for (const c of CASES) {
    it(c.name, quiet, () => {
      const w = cachedWorld();
      const args = installArgs(w, ...(c.extra ?? []));
      const opts = c.setup?.(w) ?? {};
      warm(w, args, opts);
      const after = c.change(w);
      const r = w.call(after?.args ?? args, after?.opts ?? opts);
      expect(r.nodeStarts).toBe(1);
      c.expect?.(r);
    });
  }

  it('the symlinked cwd now leads elsewhere', quiet, () => {
    const w = cachedWorld();
    const a = join(w.root, 'a');
    const b = join(w.root, 'b');
    mkdirSync(a);
    mkdirSync(b);
    writeFileSync(join(b, '.pipwardenrc.yaml'), refuseUserInVenv);
    const link = join(w.root, 'current');
    symlinkSync(a, link);
    const args = installArgs(w, '--user');
    const opts = { cwd: link, env: { PWD: link } };
    warm(w, args, opts);
    unlinkSync(link);
    symlinkSync(b, link);
    const r = w.call(args, opts);
    expect(r.nodeStarts).toBe(1);
    refused(r);
  });

  it('stderr becomes a terminal (notices may be coloured)', quiet, () => {
    const w = cachedWorld();
    const args = installArgs(w, '--user');
    warm(w, args);
    const [name] = readdirSync(w.plans);
    expect(readFileSync(join(w.plans, name!), 'utf8')).toContain('[ ! -t 2 ] || return 0');
    // The same call with the shim's stdio on a pty (script(1)): the engine decides again
    // and leaves its entry, for a terminal, in the same file (same key).
    const r = spawnSync(
      'script',
      ['-qec', `${join(w.shims, 'pip')} ${args.join(' ')}`, '/dev/null'],
      {
        env: w.env({ PATH: w.path(join(w.venvDir, 'bin')), VIRTUAL_ENV: w.venvDir }),
        cwd: w.proj,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(0);
    expect(readdirSync(w.plans)).toEqual([name]);
    expect(readFileSync(join(w.plans, name!), 'utf8')).toContain('[ -t 2 ] || return 0');
  });
});

// Under pyenv the real pip the shim finds is pyenv's own shim, the same path
// for every version: the version pyenv selects is an input of its own
// (PYENV_VERSION, .python-version up from the cwd, the global version file),
// read by the engine's in-process pyenv resolution. Dry runs only: nothing is
// installed into the machine's Pythons.
const PYENV = '/root/.pyenv';
const hasPyenv = ['3.12.1', '3.11.7'].every((v) => existsSync(join(PYENV, 'versions', v)));
const noPyenv = needs('pyenv Pythons 3.12.1 and 3.11.7', hasPyenv);
describe.skipIf(noPyenv)('under pyenv (the real one, read only)', () => {
  const pyenvEnv = (w: CachedWorld, extra: Record<string, string | undefined> = {}) => ({
    env: {
      PATH: [w.shims, join(PYENV, 'shims'), join(PYENV, 'bin'), '/usr/bin', '/bin'].join(':'),
      PYENV_ROOT: PYENV,
      VIRTUAL_ENV: undefined,
      ...extra,
    },
  });
  const dryRun = (w: CachedWorld) => installArgs(w, '--dry-run');

  it('PYENV_VERSION selects another Python: the engine decides again', quiet, () => {
    const w = cachedWorld();
    const replay = warm(w, dryRun(w), pyenvEnv(w, { PYENV_VERSION: '3.12.1' }));
    expect(replay.stdout).toContain('Would install pwdemo-0.1');
    const r = w.call(dryRun(w), pyenvEnv(w, { PYENV_VERSION: '3.11.7' }));
    expect(r.status).toBe(0);
    expect(r.nodeStarts).toBe(1);
  });

  it('a .python-version appears in the project: the engine decides again', quiet, () => {
    const w = cachedWorld();
    writeFileSync(join(w.proj, '.python-version'), '3.12.1\n');
    warm(w, dryRun(w), pyenvEnv(w));
    writeFileSync(join(w.proj, '.python-version'), '3.11.7\n');
    const r = w.call(dryRun(w), pyenvEnv(w));
    expect(r.status).toBe(0);
    expect(r.nodeStarts).toBe(1);
    // 3.11.7 is new to this probe cache: one more call probes it, then it replays.
    expect(warm(w, dryRun(w), pyenvEnv(w)).stdout).toContain('Would install pwdemo-0.1');
  });
});

// Every path the engine's process touched, as strace sees the syscalls,
// is checked by the entry: the recorder missed no reader (cosmiconfig,
// chalk, the probe cache, pip.conf). What is left out is Node's own runtime
// and pipwarden's own files and cache, which are left out by design.
const strace = spawnSync('strace', ['-V']).status === 0;
const noStrace = needs('strace', strace);
describe.skipIf(noStrace)('completeness (strace; skipped when strace is not installed)', () => {
  it('the entry checks every path the decision touched', quiet, () => {
    const w = cachedWorld();
    const args = installArgs(w, '--user');
    writeFileSync(join(w.proj, 'pyproject.toml'), '[project]\nname = "x"\n');
    warm(w, args);
    rmSync(w.plans, { recursive: true });
    const trace = join(w.root, 'strace.out');
    const env = w.env({ PATH: w.path(join(w.venvDir, 'bin')), VIRTUAL_ENV: w.venvDir });
    const r = spawnSync(
      'strace',
      [
        '-f',
        '-e',
        'trace=%file,clone,clone3,fork,vfork',
        '-o',
        trace,
        join(w.shims, 'pip'),
        ...args,
      ],
      { env, cwd: w.proj, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).toBe(0);
    // Node's process from its execve on, and every thread it starts (libuv
    // runs the fs.promises calls on its pool).
    const node = new Set<string>();
    const touched = new Set<string>();
    const cache = join(w.home, '.cache', 'pipwarden');
    const state = join(w.home, '.local', 'state', 'pipwarden'); // the audit log: written after deciding
    // Node's own start-up: its libraries, OpenSSL, cgroup limits, and the
    // time zone (ICU resolves /etc/localtime; the audit's time is UTC).
    const runtime =
      /^\/(proc|sys|dev|lib|lib64|usr\/lib)\/|^\/etc\/(ld\.so|ssl\/)|^\/etc(\/localtime)?$|^\/usr\/share(\/zoneinfo(\/.*)?)?$/;
    for (const l of readFileSync(trace, 'utf8').split('\n')) {
      const pid = l.split(' ')[0]!;
      if (l.includes(`execve("${process.execPath}"`)) node.add(pid);
      if (!node.has(pid)) continue;
      const child = /(?:clone3?|fork|vfork)(?:\(| resumed>).*= (\d+)$/.exec(l);
      if (child) node.add(child[1]!);
      if (l.includes(' getcwd(')) continue; // the entry checks the cwd with -ef
      const path = /^\d+\s+(?:<\.\.\. )?\w+(?:\(| resumed>)(?:AT_FDCWD, |\d+, )?"([^"]+)"/.exec(
        l,
      )?.[1];
      if (path === undefined || !path.startsWith('/') || runtime.test(path)) continue;
      if (path === process.execPath || path.startsWith(join(w.root, 'pw'))) continue;
      if ([cache, state].some((d) => path === d || path.startsWith(`${d}/`))) continue;
      touched.add(path);
    }
    expect(node.size).toBeGreaterThan(1);
    const [name] = readdirSync(w.plans);
    const entry = readFileSync(join(w.plans, name!), 'utf8');
    const word = "('[^']*'|[^ ']+)";
    const unquote = (q: string) => q.replace(/^'|'$/g, '');
    const checked = new Set(
      [...entry.matchAll(new RegExp(String.raw`\[ (?:! )?-[a-zA-Z] ${word} \]`, 'g'))].map((m) =>
        unquote(m[1]!),
      ),
    );
    // A path checked with -ef covers the dirs above it: realpath's lstat of each.
    const resolved = [...entry.matchAll(new RegExp(String.raw`\[ ${word} -ef `, 'g'))].map((m) =>
      unquote(m[1]!),
    );
    const covered = (p: string) =>
      checked.has(p) || resolved.some((r) => r === p || r.startsWith(p === '/' ? '/' : `${p}/`));
    expect([...touched].filter((p) => !covered(p)).join('\n')).toBe('');
    expect(touched.size).toBeGreaterThan(20);
    expect(touched).toContain(join(w.proj, 'pyproject.toml'));
  });
});
