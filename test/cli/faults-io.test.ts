import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFile, probeInterpreter } from '../../src/io/interpreter/probe-cache.js';
import { pathWith, world } from '../engine/fixtures.js';
import { giveToNobody, MAIN, openForNobody, pipwarden, runCommand } from '../helpers/cli.js';
import { countingSpawner } from '../helpers/counting-spawner.js';
import { hermeticEnv } from '../helpers/env.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { tempDir } from '../helpers/tmp.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { fastVenv } from '../shell/support/fast-venv.js';
import { shellWorld } from '../shell/support/world.js';

const py = pyenvPython('3.12');

const noPy = needs('pyenv Python 3.12', py);

// A cache that cannot be written only costs a probe: pip alone works here,
// so pipwarden must too (it used to exit 70 on ENOTDIR from rmSync).
describe.skipIf(noPy)('faults: a cache path through a non-directory', () => {
  const cases: [string, (root: string) => Record<string, string | undefined>][] = [
    ['HOME=/dev/null', () => ({ HOME: '/dev/null', XDG_CACHE_HOME: undefined })],
    [
      'XDG_CACHE_HOME under a file',
      (root) => {
        writeFileSync(join(root, 'a-file'), '');
        return { XDG_CACHE_HOME: join(root, 'a-file', 'cache') };
      },
    ],
    [
      'PIPWARDEN_CACHE_DIR is a file',
      (root) => {
        writeFileSync(join(root, 'cache-file'), '');
        return { PIPWARDEN_CACHE_DIR: join(root, 'cache-file') };
      },
    ],
  ];
  it.each(cases)('%s: the install goes ahead and lands in the venv', (_, extra) => {
    const w = world();
    const venv = fastVenv(py as string, join(w.root, 'venv'));
    const env = {
      ...w.env({ PATH: pathWith(join(venv, 'bin')), PIPWARDEN_CACHE_DIR: undefined }),
    };
    const changed = extra(w.root);
    for (const [k, v] of Object.entries(changed)) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env });
    expect(r.stderr).not.toContain('pipwarden');
    expect(r.status, r.stderr).toBe(0);
    expect(installedIn(venv, 'pwdemo')).toBe(true);
  });
});

describe('faults: HOME=/dev/null through the shims', () => {
  it('pip install and python3 -m pip install through the engine path land in the venv', () => {
    const w = shellWorld(['pwnohome', 'pwnohome2']);
    const venv = w.venv('venv');
    const env = w.env({
      PATH: w.path(join(venv, 'bin')),
      VIRTUAL_ENV: venv,
      HOME: '/dev/null',
      XDG_CACHE_HOME: undefined,
      PIPWARDEN_CACHE_DIR: undefined,
    });
    const install = (pkg: string) => w.installArgs(pkg).split(' ');
    for (const argv of [
      ['pip', ...install('pwnohome')],
      ['python3', '-m', 'pip', ...install('pwnohome2')],
    ]) {
      const r = runCommand(argv, { env });
      expect(r.stderr).not.toMatch(/^pipwarden:/m);
      expect(r.status, r.stderr).toBe(0);
    }
    expect(installedIn(venv, 'pwnohome')).toBe(true);
    expect(installedIn(venv, 'pwnohome2')).toBe(true);
  });
});

describe.skipIf(noPy)('faults: an interpreter this user may not run', () => {
  it('says permission denied, not "does not exist"', () => {
    const w = world();
    const bin = join(w.root, 'bin');
    mkdirSync(bin);
    // A pip script whose interpreter sits under /root, which nobody cannot search.
    writeFileSync(join(bin, 'pip'), `#!${py}\nimport sys\n`, { mode: 0o755 });
    openForNobody(w.root, bin);
    const home = join(w.root, 'nobody-home');
    mkdirSync(home);
    giveToNobody(home);
    const env = hermeticEnv(home, { PATH: pathWith(bin) });
    const r = pipwarden(['run', '--', 'pip', 'install', 'pwdemo'], { env, asNobody: true });
    expect(r.status).toBe(126);
    expect(r.stderr).toBe(
      `pipwarden: error: ${join(bin, 'pip')}: its interpreter ${py} cannot be run by this user (uid 65534): permission denied\n` +
        `pipwarden: next: use a Python this user can run (python3 -m venv ~/.venv && . ~/.venv/bin/activate), or run as the user who owns ${py}\n`,
    );
  });

  it('a pip path this user may not reach: permission denied, exit 126 as in the shell', () => {
    const w = world();
    const home = join(w.root, 'nobody-home');
    mkdirSync(home);
    giveToNobody(home);
    openForNobody(w.root);
    const pip = join(dirname(py as string), 'pip');
    const r = pipwarden(['run', '--', pip, 'install', 'pwdemo'], {
      env: hermeticEnv(home),
      asNobody: true,
    });
    expect(r.status).toBe(126);
    expect(r.stderr).toBe(
      `pipwarden: error: ${pip}: permission denied (this user may not reach it)\n` +
        'pipwarden: next: run a pip this user can reach, or run as its owner\n',
    );
  });

  it('a missing interpreter still says it does not exist', () => {
    const w = world();
    const bin = join(w.root, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'pip'), `#!${join(w.root, 'gone', 'python3')}\n`, { mode: 0o755 });
    const r = pipwarden(['run', '--', 'pip', 'install', 'pwdemo'], {
      env: w.env({ PATH: pathWith(bin) }),
    });
    expect(r.status).toBe(69);
    expect(r.stderr).toContain(`its interpreter ${join(w.root, 'gone', 'python3')} does not exist`);
  });
});

describe.skipIf(noPy)('faults: a huge config of unknown keys', () => {
  it('one warning line for the file, and the call goes on', () => {
    const w = world();
    const venv = makeVenv(py as string, join(w.root, 'venv'), { withoutPip: true });
    const dir = join(w.home, '.config', 'pipwarden');
    mkdirSync(dir, { recursive: true });
    const keys: string[] = [];
    for (let i = 0; i < 200_000; i++) keys.push(`"someUnknownKey${i}": ${i}`);
    const file = join(dir, 'config.json');
    writeFileSync(file, `{${keys.join(',')}}`);
    expect(readFileSync(file).length).toBeGreaterThan(2_700_000);
    const r = pipwarden(['explain', '--json', '--', 'python3', '-m', 'pip', 'install', 'x'], {
      env: w.env({ PATH: pathWith(join(venv, 'bin')) }),
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      'pipwarden: warning: ~/.config/pipwarden/config.json: 200000 unknown keys, ignored (someUnknownKey0, someUnknownKey1, someUnknownKey2, …); is this a pipwarden config? known keys: onUserInVenv, onUserInCondaEnv, onUserWithLocation, onForeignEnv, onNoEnv, onExternallyManaged, onNotWritable, onSudo, onPixiEnv, onPipPythonMismatch, condaBase, allowBreakSystemPackages, notices, announce, disposableUserSite, promptDefault, venv, audit, rules, presets, lock, backstop\n',
    );
    expect(JSON.parse(r.stdout).facts.interpreter.prefix).toBe(venv);
  });
});

describe('faults: doctor with a shim dir that is not a directory', () => {
  it('PIPWARDEN_SHIM_DIR=/dev/null is a failed check with its next step', () => {
    const w = world();
    const r = pipwarden(['doctor'], { env: w.env({ PIPWARDEN_SHIM_DIR: '/dev/null' }) });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      'fail the shim dir /dev/null cannot be listed (not a directory)\n' +
        '     next: set PIPWARDEN_SHIM_DIR to a directory you own (or unset it), then pipwarden rehash\n',
    );
  });
});

describe.skipIf(noPy)('faults: a probe-cache entry with the wrong types', () => {
  const spoil: [string, (entry: Record<string, unknown>) => unknown][] = [
    ['stamps of numbers', (e) => ({ ...e, stamps: [1, 2] })],
    ['stamps not a list', (e) => ({ ...e, stamps: 'x' })],
    ['a version string', (e) => ({ ...e, result: { ...(e.result as object), version: '3.12' } })],
    ['purelib a number', (e) => ({ ...e, result: { ...(e.result as object), purelib: 7 } })],
    ['pipVersion a list', (e) => ({ ...e, result: { ...(e.result as object), pipVersion: [] } })],
    ['result null', (e) => ({ ...e, result: null })],
    ['the whole entry a list', () => []],
    ['the whole entry null', () => null],
  ];
  it.each(spoil)('%s: a miss, probed again and rewritten', async (_, change) => {
    const cache = tempDir();
    const env = hermeticEnv(tempDir());
    const { spawn, calls } = countingSpawner();
    const good = await probeInterpreter(py as string, { env, cacheDir: cache, spawn });
    const file = cacheFile(cache, py as string);
    writeFileSync(file, JSON.stringify(change(JSON.parse(readFileSync(file, 'utf8')))));
    const again = await probeInterpreter(py as string, { env, cacheDir: cache, spawn });
    expect(again).toEqual(good);
    expect(calls).toHaveLength(2);
    await probeInterpreter(py as string, { env, cacheDir: cache, spawn });
    expect(calls).toHaveLength(2); // rewritten: warm again
  });

  it('through the CLI: explain still answers', () => {
    const w = world();
    const venv = makeVenv(py as string, join(w.root, 'venv'), { withoutPip: true });
    const env = w.env({ PATH: pathWith(join(venv, 'bin')) });
    const args = ['explain', '--json', '--', 'python3', '-m', 'pip', 'install', 'x'];
    expect(pipwarden(args, { env }).status).toBe(0);
    const file = cacheFile(env.PIPWARDEN_CACHE_DIR as string, join(venv, 'bin', 'python3'));
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    entry.stamps = [[1, 2]];
    entry.result.version = 'three';
    writeFileSync(file, JSON.stringify(entry));
    chmodSync(file, 0o644);
    const r = pipwarden(args, { env });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).facts.interpreter.version).toEqual([3, 12, 1]);
  });
});

describe('faults: a closed output pipe', () => {
  it('output into a pipe nobody reads: exit 141, no stack trace', () => {
    const w = world();
    // The read end is closed before pipwarden writes, so the write must fail with EPIPE.
    const script = [
      'import os, subprocess, sys',
      'r, w = os.pipe()',
      'os.close(r)',
      'p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)',
      'sys.stdout.write("%d\\n%s" % (p.returncode, p.stderr.decode()))',
    ].join('\n');
    const r = runCommand(
      ['/usr/bin/python3', '-c', script, process.execPath, MAIN, 'completion', 'bash'],
      { env: w.env() },
    );
    expect(r.stdout).toBe('141\n');
  });
});
