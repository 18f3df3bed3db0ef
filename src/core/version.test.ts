import { describe, expect, it } from 'vitest';
import { compareVersions, inRange, parseRelease } from './version.js';

describe('compareVersions', () => {
  it.each([
    ['22.3', '22.3.0', 0],
    ['22.3b1', '22.3', 0],
    ['25.0.dev0', '25.0', 0],
    ['23.0', '23.0.1', -1],
    ['26.2.1', '26.2', 1],
    ['9.0.1', '10.0', -1],
    ['v24.2', '24.2', 0],
    [' 3.13.0 ', '3.9', 1],
    ['garbage', '0', 0],
    ['garbage', '0.1', -1],
  ] as const)('%s vs %s → %i', (a, b, want) => {
    expect(compareVersions(a, b)).toBe(want);
    expect(compareVersions(b, a)).toBe(-want || 0);
  });
});

describe('inRange', () => {
  it.each([
    ['25.3', '25.3', undefined, true],
    ['25.2', '25.3', undefined, false],
    ['25.3', undefined, '25.3', false],
    ['25.2.9', undefined, '25.3', true],
    ['26.2.1', '25.1', '26.3', true],
  ] as const)('%s in [%s, %s) → %s', (v, since, until, want) => {
    expect(inRange(parseRelease(v)!, since, until)).toBe(want);
  });
});
