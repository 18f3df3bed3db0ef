import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argvEdits } from './argv-edits.js';

const apply = (original: string[], next: string[]) =>
  argvEdits(original, next).map((p) => ('from' in p ? original[p.from] : p.literal));

describe('argvEdits', () => {
  it.each([
    [['install', 'x'], ['install', '--user', 'x'], 1],
    [['-qU', 'install', 'x'], ['-q', 'install', 'x'], 1],
    [['install', '--user', 'x'], ['--python', '/p', 'install', '--user', 'x', '--user'], 3],
    [[], ['a'], 1],
    [['a'], [], 0],
    [['a', 'b', 'c'], ['a', 'b', 'c'], 0],
    [['-m', 'pip', 'install', 'x'], ['--python', '/v', 'install', 'x', '--no-user'], 3],
  ])('%j → %j keeps every unchanged token as a position', (original, next, literals) => {
    const parts = argvEdits(original, next);
    expect(apply(original, next)).toEqual(next);
    expect(parts.filter((p) => 'literal' in p)).toHaveLength(literals);
  });

  it('5,000 arguments with two edits: two literals, quickly', () => {
    const big = Array.from({ length: 5000 }, (_, i) => `a${i}`);
    const next = ['--x', ...big.slice(0, 2500), 'y', ...big.slice(2501)];
    const started = Date.now();
    const parts = argvEdits(big, next);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(parts.filter((p) => 'literal' in p)).toHaveLength(2);
  });

  it('any original and next: applying the edits gives next, positions increase', () => {
    const tokens = fc.array(fc.constantFrom('a', 'b', '--user', 'install', ''), { maxLength: 12 });
    fc.assert(
      fc.property(tokens, tokens, (original, next) => {
        expect(apply(original, next)).toEqual(next);
        const from = argvEdits(original, next).flatMap((p) => ('from' in p ? [p.from] : []));
        expect(from).toEqual([...from].sort((x, y) => x - y));
        expect(new Set(from).size).toBe(from.length);
      }),
    );
  });
});
