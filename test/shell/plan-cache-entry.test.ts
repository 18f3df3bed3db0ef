import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type PathState,
  type PlanCacheEntry,
  renderPlanCacheEntry,
} from '../../src/core/render/plan-cache-entry.js';
import { PLAN_CACHE } from '../../src/core/render/shim-parts.js';
import { requireShell, shells } from './support/shells.js';

// Each check of an entry, run by dash the way the shim sources it: the
// entry prints HIT when every check holds and returns quietly otherwise.

const dir = mkdtempSync(join(tmpdir(), 'pipwarden-entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'stamps'));
writeFileSync(join(dir, 'file'), 'x');
symlinkSync(join(dir, 'file'), join(dir, 'link'));
execFileSync('touch', ['-d', '2020-01-01 00:00:00', join(dir, 'stamps', 'old')]);
execFileSync('touch', ['-d', '2040-01-01 00:00:00', join(dir, 'stamps', 'new')]);

const base: PlanCacheEntry = {
  key: 'K',
  cwd: dir,
  stderrTty: false,
  vars: [],
  prefixes: [],
  paths: [],
  stderr: '',
  plan: 'echo HIT; exit 0',
};

function run(
  entry: Partial<PlanCacheEntry>,
  env: Record<string, string> = {},
  key = 'K',
  sh = 'dash',
): string {
  const file = join(dir, 'entry');
  writeFileSync(file, renderPlanCacheEntry({ ...base, ...entry }));
  // The shim's own helpers (_pw_env_count), then what _pw_cached does.
  const shim = `${PLAN_CACHE}
_pw_k=$1 _pw_c=$2 _pw_whole=; . "$3"; if [ "$_pw_whole" = "$_pw_k" ]; then _pw_replay; fi; echo MISS`;
  const r = spawnSync(sh, ['-c', shim, 'sh', key, dir, file], {
    cwd: dir,
    env: { PATH: '/usr/bin:/bin', ...env },
    encoding: 'utf8',
  });
  return `${r.stdout}${r.stderr}`.trim();
}

const file = (over: Partial<PathState> = {}): PathState => ({
  path: join(dir, 'file'),
  kind: 'file',
  link: false,
  readable: true,
  writable: true,
  executable: false,
  ...over,
});

describe('renderPlanCacheEntry', () => {
  it('runs the plan when every check holds, and prints what the engine printed', () => {
    expect(run({ stderr: "pipwarden: it's a notice\n" })).toBe("HIT\npipwarden: it's a notice");
  });

  it.each([
    ['another key', {}, 'K2'],
    ['another cwd', { cwd: '/' }, 'K'],
    ['stderr now a terminal', { stderrTty: true }, 'K'],
  ] as const)('misses on %s', (_, entry, key) => {
    expect(run(entry, {}, key)).toBe('MISS');
  });

  it('checks a variable by value, telling unset from empty', () => {
    expect(run({ vars: [['PIP_USER', '1']] }, { PIP_USER: '1' })).toBe('HIT');
    expect(run({ vars: [['PIP_USER', '1']] }, { PIP_USER: '0' })).toBe('MISS');
    expect(run({ vars: [['PIP_USER', undefined]] })).toBe('HIT');
    expect(run({ vars: [['PIP_USER', undefined]] }, { PIP_USER: '' })).toBe('MISS');
    expect(run({ vars: [['PIP_USER', '']] }, { PIP_USER: '' })).toBe('HIT');
    expect(run({ vars: [['PIP_X', "it's\nodd"]] }, { PIP_X: "it's\nodd" })).toBe('HIT');
  });

  it('checks how many variables a prefix has', () => {
    expect(run({ prefixes: [['PIP_', 1]] }, { PIP_USER: '1' })).toBe('HIT');
    expect(run({ prefixes: [['PIP_', 1]] }, { PIP_USER: '1', PIP_user: '1' })).toBe('MISS');
  });

  it('checks a path: type, link, access and its mtime between two stamps', () => {
    const mtime = { lo: 'old', hi: 'new', whole: false };
    expect(run({ paths: [file({ mtime })] })).toBe('HIT');
    expect(run({ paths: [file({ mtime: { lo: 'new', hi: 'new', whole: false } })] })).toBe('MISS');
    expect(run({ paths: [file({ mtime: { lo: 'old', hi: 'old', whole: false } })] })).toBe('MISS');
    expect(run({ paths: [file({ kind: 'dir' })] })).toBe('MISS');
    expect(run({ paths: [file({ writable: false })] })).toBe('MISS');
    expect(run({ paths: [file({ executable: true })] })).toBe('MISS');
    expect(run({ paths: [file({ link: true })] })).toBe('MISS');
    const link = file({ path: join(dir, 'link'), link: true, target: join(dir, 'file') });
    expect(run({ paths: [link] })).toBe('HIT');
    expect(run({ paths: [{ ...link, target: join(dir, 'stamps', 'old') }] })).toBe('MISS');
  });

  it('checks that a missing path is still missing', () => {
    const missing = file({ path: join(dir, 'nope'), kind: 'missing', readable: false });
    expect(run({ paths: [missing] })).toBe('HIT');
    expect(run({ paths: [{ ...missing, path: join(dir, 'file') }] })).toBe('MISS');
  });

  it('leaves an audit record in a file of its own, and misses rather than lose one', () => {
    const pending = join(dir, 'pending');
    mkdirSync(pending, { recursive: true });
    const audit = { dir: pending, line: '{"time":""}' };
    expect(run({ audit })).toBe('HIT');
    expect(run({ audit: { ...audit, dir: join(dir, 'no-such-dir') } })).toBe('MISS');
  });

  it('refuses a variable name sh cannot spell', () => {
    expect(() => renderPlanCacheEntry({ ...base, vars: [['PIP_NO-USER', '1']] })).toThrow(
      /PIP_NO-USER/,
    );
  });

  // Issue 16, defect 5: bash, zsh and yash pass PIP_INDEX-URL on to pip but
  // show it neither in export -p (bash 5) nor as a variable, so a count of
  // PIP_* names that misses it would replay a decision made without it.
  for (const sh of shells()) {
    it(`${sh.name}: a PIP_* name that is not a shell name ${sh.carriesOddNames ? 'makes a miss (the shell passes it on)' : 'is dropped by the shell, so it changes nothing'}`, () => {
      if (!requireShell(sh) || sh.name === 'posh') return;
      const entry = { prefixes: [['PIP_', 1]] as [string, number][] };
      const plain = { PIP_USER: '1' };
      // yash cannot tell, so it never replays an entry that counts names.
      expect(run(entry, plain, 'K', sh.sh)).toBe(sh.name === 'yash' ? 'MISS' : 'HIT');
      const odd = { ...plain, 'PIP_INDEX-URL': 'https://elsewhere.example/simple' };
      expect(run(entry, odd, 'K', sh.sh)).toBe(sh.carriesOddNames ? 'MISS' : 'HIT');
    });
  }

  describe('whole seconds (bash 3.2 and busybox compare mtimes in whole seconds)', () => {
    // The file's mtime is 00:00:00.5; the tight pair brackets it to the
    // microsecond, the pair in s/ brackets its whole second (stamps.ts).
    const t = (s: string) => execFileSync('touch', ['-d', `2020-01-01 ${s}`, join(dir, 'w')]);
    const stamp = (name: string, at: string) =>
      execFileSync('touch', ['-d', at, join(dir, 'stamps', name)]);
    writeFileSync(join(dir, 'w'), 'x');
    mkdirSync(join(dir, 'stamps', 's'), { recursive: true });
    stamp('t.lo', '2020-01-01 00:00:00.499998');
    stamp('t.hi', '2020-01-01 00:00:00.500003');
    stamp('s/t.lo', '2019-12-31 23:59:59.5');
    stamp('s/t.hi', '2020-01-01 00:00:01');
    stamp('res.coarse', '2001-09-09 01:46:40.25');
    stamp('res.fine', '2001-09-09 01:46:40.75');
    const w = (whole: boolean) => ({
      paths: [file({ path: join(dir, 'w'), mtime: { lo: 't.lo', hi: 't.hi', whole } })],
    });
    const byShell = shells().filter((sh) =>
      ['dash', 'bash 3.2 as sh', 'busybox sh'].includes(sh.name),
    );
    for (const sh of byShell) {
      it(`${sh.name}: ${sh.wholeSeconds ? 'the whole-second pair' : 'the exact pair'} decides`, () => {
        if (!requireShell(sh)) return;
        t('00:00:00.5');
        expect(run(w(true), {}, 'K', sh.sh)).toBe('HIT');
        // A path whose second was too recent has no whole pair: a miss there.
        expect(run(w(false), {}, 'K', sh.sh)).toBe(sh.wholeSeconds ? 'MISS' : 'HIT');
        t('00:00:01.2');
        expect(run(w(true), {}, 'K', sh.sh)).toBe('MISS');
        t('00:00:00.2');
        // The one change a whole-second shell cannot see: an mtime set back into the same second.
        expect(run(w(true), {}, 'K', sh.sh)).toBe(sh.wholeSeconds ? 'HIT' : 'MISS');
        t('00:00:00.5');
      });
    }
  });
});
