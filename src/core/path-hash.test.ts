import { describe, expect, it } from 'vitest';
import { pathHash } from './path-hash.js';

describe('pathHash', () => {
  it('is 32 hex digits, the same for the same path', () => {
    const h = pathHash('/usr/bin/python3');
    expect(h).toMatch(/^[0-9a-f]{32}$/);
    expect(pathHash('/usr/bin/python3')).toBe(h);
  });

  it('tells apart 20,000 nearby paths (versions, venvs, one character apart)', () => {
    const paths = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      paths.add(`/home/u/.pyenv/versions/3.${i % 14}.${i}/bin/python3`);
      paths.add(`/home/u/p${i}/.venv/bin/python`);
    }
    const hashes = new Set([...paths].map(pathHash));
    expect(hashes.size).toBe(paths.size);
    expect(pathHash('/a/b')).not.toBe(pathHash('/a/c'));
    expect(pathHash('')).not.toBe(pathHash('\0'));
  });
});
