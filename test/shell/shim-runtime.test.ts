import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeWorld } from './support/fake-shims.js';

// The shim's run-time contract, with fake real commands and a fake engine
// (see support/fake-shims.ts): which executable it finds, that it never
// reaches itself, and how it treats the engine's answers.

describe('finding the real executable', () => {
  it('skips its own dir listed twice on PATH', () => {
    const w = fakeWorld();
    const r = w.run(join(w.shims, 'pip'), ['list'], {
      env: { PATH: `${w.shims}:${w.shims}:${w.real}` },
    });
    expect(r.stdout).toContain(`REAL ${w.real}/pip\n`);
  });

  it('skips its own dir reached through a symlink, before or after it on PATH', () => {
    const w = fakeWorld();
    const link = join(w.root, 'link-to-shims');
    symlinkSync(w.shims, link);
    for (const PATH of [`${link}:${w.shims}:${w.real}`, `${w.shims}:${link}:${w.real}`]) {
      const r = w.run(join(link, 'pip'), ['install', 'x'], { env: { PATH } });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`REAL ${w.real}/pip\n`);
    }
  });

  it('skips a link to itself placed in another dir', () => {
    const w = fakeWorld();
    const bin = join(w.root, 'bin');
    mkdirSync(bin);
    symlinkSync(join(w.shims, 'pip'), join(bin, 'pip'));
    const r = w.run(join(bin, 'pip'), ['list'], { env: { PATH: `${bin}:${w.shims}:${w.real}` } });
    expect(r.stdout).toContain(`REAL ${w.real}/pip\n`);
  });

  it("skips another pipwarden's shim dir, so two shim dirs never exec each other", () => {
    const w = fakeWorld();
    const other = join(w.root, 'other-shims');
    w.writeShims(other);
    const r = w.run(join(w.shims, 'pip'), ['list'], {
      env: { PATH: `${w.shims}:${other}:${w.real}` },
    });
    expect(r.stdout).toContain(`REAL ${w.real}/pip\n`);
  });

  it('skips a copy of its own dir (same marker), e.g. an old shim dir left on PATH', () => {
    const w = fakeWorld();
    const copy = join(w.root, 'copy');
    cpSync(w.shims, copy, { recursive: true });
    const r = w.run(join(copy, 'python3'), ['-c', 'x'], {
      env: { PATH: `${copy}:${w.shims}:${w.real}` },
    });
    expect(r.stdout).toContain(`REAL ${w.real}/python3\n`);
  });

  it('treats an empty PATH entry as the cwd and a relative one as below it, as execvp does', () => {
    const w = fakeWorld();
    let r = w.run(join(w.shims, 'pip'), ['list'], {
      env: { PATH: `${w.shims}::/nonexistent` },
      cwd: w.real,
    });
    expect(r.stdout).toContain(`REAL ${w.real}/pip\n`);
    r = w.run(join(w.shims, 'pip'), ['list'], { env: { PATH: `${w.shims}:real` }, cwd: w.root });
    expect(r.stdout).toContain(`REAL ${w.real}/pip\n`);
  });

  it('exits 127 with a next step when no real executable exists', () => {
    const w = fakeWorld();
    rmSync(join(w.real, 'pip3.12'));
    const r = w.run(join(w.shims, 'pip3.12'), ['install', 'x'], {
      env: { PATH: `${w.shims}:${w.shims}:${w.real}` },
    });
    expect(r.status).toBe(127);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^pipwarden: pip3\.12: not found on PATH .*\npipwarden: next: /);
  });
});

describe('bypass', () => {
  it.each([
    ['PIPWARDEN_DISABLE=1', { PIPWARDEN_DISABLE: '1' }, 'pass'],
    ['PIPWARDEN_DISABLE=0', { PIPWARDEN_DISABLE: '0' }, 'engine'],
    ['the engine marker', { _PIPWARDEN_SHIM: '1' }, 'pass'],
  ])('%s', (_label, extra, route) => {
    const w = fakeWorld();
    for (const [name, args] of [
      ['pip', ['install', 'x']],
      ['python3', ['-m', 'pip', 'install', 'x']],
    ] as const) {
      const r = w.run(join(w.shims, name), [...args], {
        env: { PATH: `${w.shims}:${w.real}`, ...extra },
      });
      expect(r.status).toBe(0);
      expect(r.stderr.includes('ENGINE') ? 'engine' : 'pass').toBe(route);
    }
  });
});

describe('the engine hand-over', () => {
  it('passes the real path, the name and the args, and sets the marker for the engine only', () => {
    const w = fakeWorld();
    const log = join(w.root, 'engine.log');
    const args = ['-I', '-m', 'pip', 'install', 'a b', '', "it's", '$HOME', '*', 'x\ny'];
    const r = w.run(join(w.shims, 'python3'), args, {
      env: { PATH: `${w.shims}:${w.real}`, FAKE_ENGINE_LOG: log },
    });
    expect(r.status).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe(
      `${['shell-plan', '--real', `${w.real}/python3`, '--name', 'python3', '--', ...args, 'marker=1'].join('\n')}\n`,
    );
    // The plan ran in the shim's own context: the real command got every byte.
    expect(r.stdout).toBe(`REAL ${w.real}/python3\n${args.map((a) => `<${a}>\n`).join('')}`);
  });

  it.each([
    ['a refusal plan', 'refuse', 77, /pipwarden: refused: fake/],
    ['an engine failure (bad config)', 'fail', 78, /pipwarden: error: fake config error/],
    [
      'a plan that neither execs nor exits',
      'empty',
      70,
      /pipwarden: internal error: .*\npipwarden: next: /,
    ],
  ])('%s: exits %s and never runs pip', (_label, mode, status, stderr) => {
    const w = fakeWorld();
    const r = w.run(join(w.shims, 'pip'), ['install', 'x'], {
      env: { PATH: `${w.shims}:${w.real}`, FAKE_ENGINE_MODE: mode },
    });
    expect(r.status).toBe(status);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(stderr);
  });

  it('exits 127 with a next step when the baked node or CLI is gone', () => {
    const w = fakeWorld();
    w.writeShims(w.shims, { node: join(w.root, 'no-such-node') });
    const r = w.run(join(w.shims, 'pip'), ['install', 'x'], {
      env: { PATH: `${w.shims}:${w.real}` },
    });
    expect(r.status).toBe(127);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /cannot start pipwarden: .*no-such-node.*\npipwarden: next: run pipwarden rehash/,
    );
  });

  it.each([
    ['pass-through', ['list']],
    ['engine', ['install', 'x']],
  ])("returns the real command's exit status (%s)", (_label, args) => {
    const w = fakeWorld();
    const r = w.run(join(w.shims, 'pip'), args, {
      env: { PATH: `${w.shims}:${w.real}`, REAL_STATUS: '23' },
    });
    expect(r.status).toBe(23);
  });
});
