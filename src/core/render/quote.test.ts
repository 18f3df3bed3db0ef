import { describe, expect, it } from 'vitest';
import { fishQuote, shQuote, shWord } from './quote.js';

// Round trips through the real shells: test/shell/quote.test.ts.
const SH: [string, string][] = [
  ['/plain/path', "'/plain/path'"],
  ["it's", "'it'\\''s'"],
  ['$HOME `x` "y" \\n', '\'$HOME `x` "y" \\n\''],
  ['', "''"],
];

const FISH: [string, string][] = [
  ['/plain/path', "'/plain/path'"],
  ["it's", "'it\\'s'"],
  ['a\\b', "'a\\\\b'"],
  ['$HOME (x) "y"', '\'$HOME (x) "y"\''],
];

describe('shQuote', () => {
  it.each(SH)('%j → %s', (value, quoted) => {
    expect(shQuote(value)).toBe(quoted);
  });
  it('refuses a NUL byte', () => {
    expect(() => shQuote('a\0b')).toThrow(/NUL/);
  });
});

describe('shWord', () => {
  it.each([
    ['/plain/path-1.0+x', '/plain/path-1.0+x'],
    ['~', "'~'"],
    ['~/x', "'~/x'"],
    ["it's!", "'it'\\''s!'"],
    ['a=b', "'a=b'"],
    ['', "''"],
  ])('%j → %s', (value, word) => {
    expect(shWord(value)).toBe(word);
  });
});

describe('fishQuote', () => {
  it.each(FISH)('%j → %s', (value, quoted) => {
    expect(fishQuote(value)).toBe(quoted);
  });
  it('refuses a NUL byte', () => {
    expect(() => fishQuote('a\0b')).toThrow(/NUL/);
  });
});
