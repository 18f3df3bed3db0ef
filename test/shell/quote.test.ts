import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fishQuote, shArgv, shQuote } from '../../src/core/render/quote.js';

// Any value (no NUL) survives quoting: the shell prints back exactly what
// went in. One shell process per run, many values in it.
// Characters the shells treat specially, mixed with any Unicode grapheme.
const SPECIAL = [
  "'",
  '\\',
  '"',
  '$',
  '`',
  '\n',
  ' ',
  '*',
  '?',
  '[',
  '(',
  ')',
  ';',
  '&',
  '|',
  '!',
  '{',
  '}',
  '~',
  '#',
  '%',
];
const unit = fc.oneof(
  fc.constantFrom(...SPECIAL),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
const values = fc.array(fc.string({ unit, maxLength: 30 }), { minLength: 1, maxLength: 60 });

function roundTrip(argv: string[], script: string): string {
  const r = spawnSync(argv[0]!, [...argv.slice(1), script], {
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', HOME: '/nonexistent' },
  });
  if (r.error) throw r.error;
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('quoting round trips through the real shells', () => {
  it.each([['sh'], ['bash', '--norc', '--noprofile'], ['zsh', '-f']])('%s', (...shell) => {
    fc.assert(
      fc.property(values, (vs) => {
        const script = vs.map((v) => `printf '%s\\0' ${shQuote(v)}`).join('\n');
        expect(roundTrip([...shell, '-c'], script)).toBe(vs.map((v) => `${v}\0`).join(''));
        // shArgv (bare words where nothing is special) round-trips too.
        expect(roundTrip([...shell, '-c'], `printf '%s\\0' ${shArgv(vs)}`)).toBe(
          vs.map((v) => `${v}\0`).join(''),
        );
      }),
      { numRuns: 15 },
    );
  });

  it('fish', () => {
    fc.assert(
      fc.property(values, (vs) => {
        const script = vs.map((v) => `printf '%s\\0' ${fishQuote(v)}`).join('\n');
        expect(roundTrip(['fish', '--no-config', '-c'], script)).toBe(
          vs.map((v) => `${v}\0`).join(''),
        );
      }),
      { numRuns: 15 },
    );
  });
});
