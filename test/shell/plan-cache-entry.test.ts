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

function run(entry: Partial<PlanCacheEntry>, env: Record<string, string> = {}, key = 'K'): string {
  const file = join(dir, 'entry');
  writeFileSync(file, renderPlanCacheEntry({ ...base, ...entry }));
  // The shim's own helpers (_pw_env_count), then what _pw_cached does.
  const shim = `${PLAN_CACHE}
_pw_k=$1 _pw_c=$2 _pw_whole=; . "$3"; if [ "$_pw_whole" = "$_pw_k" ]; then _pw_replay; fi; echo MISS`;
  const r = spawnSync('dash', ['-c', shim, 'sh', key, dir, file], {
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
    const mtime = { lo: 'old', hi: 'new' };
    expect(run({ paths: [file({ mtime })] })).toBe('HIT');
    expect(run({ paths: [file({ mtime: { lo: 'new', hi: 'new' } })] })).toBe('MISS');
    expect(run({ paths: [file({ mtime: { lo: 'old', hi: 'old' } })] })).toBe('MISS');
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
});
