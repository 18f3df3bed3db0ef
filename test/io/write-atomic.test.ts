import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeAtomic } from '../../src/io/shims/write-atomic.js';
import { tempDir } from '../helpers/tmp.js';

// write(2) may write less than asked: on a nearly full disk it writes what
// fits and returns the count, and only the next call fails with ENOSPC. The
// kernel does this on tmpfs and ext4 alike; here node:fs's writeSync is
// made to do it on demand, so every path through writeAtomic is tried.
let limit: { each: number; total: number } | null = null;
vi.mock('node:fs', async (orig) => {
  const real = await orig<typeof import('node:fs')>();
  let written = 0;
  const writeSync = (fd: number, buf: Buffer | string, ...rest: unknown[]): number => {
    if (limit === null) return (real.writeSync as (...a: unknown[]) => number)(fd, buf, ...rest);
    const data = typeof buf === 'string' ? Buffer.from(buf) : buf;
    const offset = typeof rest[0] === 'number' ? rest[0] : 0;
    const length = typeof rest[1] === 'number' ? rest[1] : data.length - offset;
    const room = limit.total - written;
    if (room <= 0)
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    const n = Math.min(length, limit.each, room);
    written += real.writeSync(fd, data, offset, n);
    return n;
  };
  const reset = () => {
    written = 0;
  };
  return { ...real, default: { ...real, writeSync }, writeSync, __reset: reset };
});

afterEach(async () => {
  limit = null;
  ((await import('node:fs')) as unknown as { __reset: () => void }).__reset();
});

const TEXT = `${'x'.repeat(5000)}\n_pw_whole='key'\n`;

describe('writeAtomic', () => {
  it('loops over short writes: the file holds every byte', () => {
    const dir = tempDir();
    limit = { each: 1000, total: Number.POSITIVE_INFINITY };
    writeAtomic(dir, 'entry', TEXT, 0o600, { durable: false });
    limit = null;
    expect(fs.readFileSync(join(dir, 'entry'), 'utf8')).toBe(TEXT);
    expect(fs.readdirSync(dir)).toEqual(['entry']);
  });

  it('on a full disk, leaves the old file and no temp: never a part', () => {
    const dir = tempDir();
    fs.writeFileSync(join(dir, 'entry'), 'old\n');
    for (const total of [0, 1, 4096, TEXT.length - 1]) {
      limit = { each: 4096, total };
      expect(() => writeAtomic(dir, 'entry', TEXT, 0o600, { durable: false })).toThrow(/ENOSPC/);
      limit = null;
      expect(fs.readFileSync(join(dir, 'entry'), 'utf8')).toBe('old\n');
      expect(fs.readdirSync(dir)).toEqual(['entry']);
    }
  });

  it('never writes through a symlink at the name: the link is replaced', () => {
    const dir = tempDir();
    const canary = join(tempDir(), 'canary');
    fs.writeFileSync(canary, 'canary\n');
    fs.symlinkSync(canary, join(dir, 'entry'));
    writeAtomic(dir, 'entry', TEXT, 0o600, { durable: false });
    expect(fs.readFileSync(canary, 'utf8')).toBe('canary\n');
    expect(fs.lstatSync(join(dir, 'entry')).isFile()).toBe(true);
  });
});
