import { describe, expect, it } from 'vitest';
import { fishQuote, shQuote } from './quote.js';

// Round trips through real sh and fish: test/shell/quote.test.ts.
describe.each([
  [
    'shQuote',
    shQuote,
    [
      ['/plain/path', "'/plain/path'"],
      ["it's", "'it'\\''s'"],
      ['$HOME `x` "y" \\n', '\'$HOME `x` "y" \\n\''],
      ['', "''"],
    ],
  ],
  [
    'fishQuote',
    fishQuote,
    [
      ['/plain/path', "'/plain/path'"],
      ["it's", "'it\\'s'"],
      ['a\\b', "'a\\\\b'"],
      ['$HOME (x) "y"', '\'$HOME (x) "y"\''],
    ],
  ],
] as const)('%s', (_name, fn, cases) => {
  it.each(cases)('%j → %s', (value, quoted) => {
    expect(fn(value)).toBe(quoted);
  });

  it('refuses a NUL byte', () => {
    expect(() => fn('a\0b')).toThrow(/NUL/);
  });
});
