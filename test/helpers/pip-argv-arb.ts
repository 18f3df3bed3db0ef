import fc from 'fast-check';
import { COMMANDS, GENERAL_OPTIONS, type OptionRow } from '../../src/core/argv/index.js';

/** Every option spelling any pip version has, from the tables (all versions at once). */
function spellings(): { long: string[]; short: string[] } {
  const rows: OptionRow[] = [
    ...GENERAL_OPTIONS,
    ...Object.values(COMMANDS).flatMap((c) => c.options),
  ];
  const all = new Set(rows.flatMap(([s]) => s.split(' ')));
  return {
    long: [...all].filter((s) => s.startsWith('--')).sort(),
    short: [...new Set([...all].filter((s) => !s.startsWith('--')).map((s) => s[1]!))].sort(),
  };
}

const { long: LONG, short: SHORT } = spellings();

/** Subcommands of every pip version, and near misses pip rejects. */
const SUBCOMMANDS = [...Object.keys(COMMANDS), 'instal', 'Install', 'installs', 'lck', 'uninstal'];

/** Values and positionals people type, and ones that look like options. */
const WORDS = [
  'x',
  'requests==2.31.0',
  'pkg[extra]>=1',
  '.',
  '.[dev]',
  'req.txt',
  'http://h/simple',
  '/tmp/w',
  '-',
  '--',
  '',
  'a b',
  "it's!",
  '~',
  '$(x)',
  'install',
  'list',
  '-e',
  '--user',
  'json',
];

const word = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 5 }) },
);

/** `--opt`, an abbreviation of it, or `--opt=value`. */
const longOption = fc
  .tuple(fc.constantFrom(...LONG), fc.nat(), fc.option(word, { freq: 4 }))
  .map(([name, cut, value]) => {
    // A third of abbreviations: keep at least `--` plus two letters.
    const spelled = cut % 3 === 0 ? name.slice(0, 4 + (cut % Math.max(1, name.length - 3))) : name;
    return value === null ? spelled : `${spelled}=${value}`;
  });

/** `-q`, a cluster `-qUv`, or one with an attached value `-rreq.txt`. */
const shortOption = fc
  .tuple(
    fc.array(fc.constantFrom(...SHORT, 'Z', 'x'), { minLength: 1, maxLength: 4 }),
    fc.option(fc.constantFrom('req.txt', 'x', '.'), { freq: 4 }),
  )
  .map(([letters, tail]) => `-${letters.join('')}${tail ?? ''}`);

const token = fc.oneof(
  { weight: 4, arbitrary: longOption },
  { weight: 3, arbitrary: shortOption },
  { weight: 3, arbitrary: word },
  { weight: 2, arbitrary: fc.constantFrom(...SUBCOMMANDS) },
);

/** pip argv (after the program name): usually options, a subcommand, then more. */
export const pipArgvArb: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.array(token, { maxLength: 3 }),
    fc.option(fc.constantFrom(...SUBCOMMANDS), { freq: 8 }),
    fc.array(token, { maxLength: 7 }),
  )
  .map(([before, sub, after]) =>
    sub === null ? [...before, ...after] : [...before, sub, ...after],
  );
