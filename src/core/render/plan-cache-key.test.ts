import { describe, expect, it } from 'vitest';
import { PLAN_CACHE_FORMAT } from './plan-cache-entry.js';
import { keyNamesCall } from './plan-cache-key.js';

/** The key as the shim's sh builds it, with `${#x}` counting by `len`. */
function shimKey(real: string, pwd: string, args: string[], len: (s: string) => number): string {
  return `${PLAN_CACHE_FORMAT} ${len(real)}:${real} ${len(pwd)}:${pwd} ${args.length}${args.map((a) => ` ${len(a)}:${a}`).join('')}`;
}
const bytes = (s: string) => new TextEncoder().encode(s).length;
const chars = (s: string) => [...s].length;

describe('keyNamesCall', () => {
  const real = '/usr/bin/pip';
  it.each([
    [['install', 'x']],
    [[]],
    [['install', 'a b', '', ' 3:x', 'é', '日本', '\n']],
    [['3:x', '1', '2:ab']],
  ])('accepts the shim key of the same call, dash and bash alike: %j', (args) => {
    for (const len of [bytes, chars]) {
      expect(keyNamesCall(shimKey(real, '/home/me/a b', args, len), real, args)).toBe(true);
      expect(keyNamesCall(shimKey(real, '/tmp/é', args, len), real, args)).toBe(true);
    }
  });

  it.each([
    ['other arguments', real, ['install', '--target', 't', 'x'], real, ['download', 'a', 'b', 'x']],
    ['one argument more', real, ['install', 'x', 'y'], real, ['install', 'x']],
    ['another real', '/usr/local/bin/pip', ['install', 'x'], real, ['install', 'x']],
    ['arguments moved into the cwd', real, ['x'], real, []],
  ])('refuses a key for %s', (_label, keyReal, keyArgs, callReal, callArgs) => {
    expect(keyNamesCall(shimKey(keyReal, '/w', keyArgs, bytes), callReal, callArgs)).toBe(false);
  });

  it('refuses a key whose cwd length does not match, or another format', () => {
    expect(keyNamesCall(`${PLAN_CACHE_FORMAT} 12:${real} 9:/w 1 1:x`, real, ['x'])).toBe(false);
    expect(keyNamesCall(`0 12:${real} 2:/w 1 1:x`, real, ['x'])).toBe(false);
    expect(keyNamesCall('', real, [])).toBe(false);
  });
});
