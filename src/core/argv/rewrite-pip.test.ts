import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePipArgv } from './parse-pip.js';
import { appendSubcommandOptions, insertGlobal, removeOptions } from './rewrite-pip.js';
import type { PipInvocation } from './types.js';

const words = (s: string) => (s === '' ? [] : s.split(' '));
const parse = (s: string, version: string | null = null) => parsePipArgv(words(s), version);

describe('removeOptions', () => {
  const cases: [string, string[], string][] = [
    ['install --user x', ['use_user_site'], 'install x'],
    ['install --no-user --user x', ['use_user_site'], 'install x'],
    ['--user install x', ['use_user_site'], '--user install x'], // pip rejects it there: not parsed
    ['-q install -qU x', ['upgrade'], '-q install -q x'],
    ['install -Ur req.txt', ['requirements'], 'install -U'],
    ['install -Urreq.txt x', ['requirements'], 'install -U x'],
    ['install -rreq.txt -U', ['requirements'], 'install -U'],
    ['install -qrreq.txt', ['quiet'], 'install -rreq.txt'],
    ['install -qUrreq.txt', ['quiet', 'upgrade'], 'install -rreq.txt'],
    ['install -vvv x', ['verbose'], 'install x'],
    ['-v install -vv x', ['verbose'], 'install x'],
    ['install --index-url http://x y', ['index_url'], 'install y'],
    ['install -i http://x --index-url=http://z y', ['index_url'], 'install y'],
    ['install --python /p x', ['python'], 'install x'],
    ['--python /p install x', ['python'], 'install x'],
    ['install --user x', ['upgrade'], 'install --user x'],
    ['install -- --user', ['use_user_site'], 'install -- --user'],
  ];
  it.each(cases)('%s without %j', (argv, dests, expected) => {
    expect(removeOptions(parse(argv), dests)).toEqual(words(expected));
  });
});

describe('insertGlobal', () => {
  const cases: [string, string][] = [
    ['install x', '--python /x install x'],
    ['-q install x', '-q --python /x install x'],
    ['-- install x', '--python /x -- install x'],
    ['--version', '--version --python /x'],
    ['--log', '--python /x --log'],
    ['', '--python /x'],
  ];
  it.each(cases)('%s', (argv, expected) => {
    expect(insertGlobal(parse(argv), ['--python', '/x'])).toEqual(words(expected));
  });
});

describe('appendSubcommandOptions', () => {
  const cases: [string, string][] = [
    ['install x', 'install x --user'],
    ['install --no-user x', 'install --no-user x --user'],
    ['install x -- y', 'install x --user -- y'],
    ['-- install x', 'install --user -- x'],
    ['install x -r', 'install x --user -r'],
    ['install x -qr', 'install x --user -qr'],
  ];
  it.each(cases)('%s', (argv, expected) => {
    const out = appendSubcommandOptions(parse(argv), ['--user']);
    expect(out).toEqual(words(expected));
    const again = parsePipArgv(out);
    expect(again.options.filter((o) => o.dest === 'use_user_site').at(-1)?.name).toBe('--user');
  });
});

describe('argv survives the rewrites', () => {
  const VERSIONS = [null, '18.1', '19.2.3', '22.0.4', '23.0.1', '23.2.1', '24.2'];
  const TOKENS = [
    ...['install', 'download', 'list', 'freeze', 'uninstall', 'help', 'cache', 'instal'],
    ...['-q', '-v', '-vvv', '-qU', '-U', '-r', '-rreq.txt', '-qrreq.txt', '-vqUe', '-e', '.'],
    ...['--user', '--no-user', '--us', '--use', '--user=1', '--python', '--python=/p', '/p'],
    ...['--index-url', '--index-url=http://x', '-i', 'http://x', '--', '-', '--log', '--lo'],
    ...['--pr=x', '--proxy', '-C', 'k=v', '--report', '--dry-run', '-t', '/t', '--frob', '-Z'],
    ...['--no-deps', '--no-dep', '--isolated', '--format', 'json', 'x', 'y', '-y'],
  ];
  const token = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...TOKENS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  );
  const argvArb = fc.array(token, { maxLength: 10 });
  const versionArb = fc.constantFrom(...VERSIONS);

  const shape = (inv: PipInvocation) => ({
    subcommand: inv.subcommand,
    positionals: inv.positionals,
    unknown: inv.unknown,
  });
  const named = (inv: PipInvocation, drop: string) =>
    [...inv.globals, ...inv.options, ...inv.misplaced]
      .filter((o) => o.dest !== drop)
      .map((o) => [o.name, o.value]);

  it('returns the argv unchanged for empty edits', () => {
    fc.assert(
      fc.property(argvArb, versionArb, (argv, version) => {
        const inv = parsePipArgv(argv, version);
        expect(removeOptions(inv, [])).toEqual(argv);
        expect(insertGlobal(inv, [])).toEqual(argv);
        expect(appendSubcommandOptions(inv, [])).toEqual(argv);
        expect(inv.argv).toBe(argv);
      }),
      { numRuns: 2000 },
    );
  });

  it('removes exactly the named dest and keeps every other parse result', () => {
    fc.assert(
      fc.property(argvArb, versionArb, (argv, version) => {
        const inv = parsePipArgv(argv, version);
        // Not exact by design when parse_command's remove() shadows (types.ts).
        if (inv.shadowedSubcommandIndex !== undefined) return;
        for (const { dest } of [...inv.globals, ...inv.options, ...inv.misplaced]) {
          const again = parsePipArgv(removeOptions(inv, [dest]), version);
          expect(named(again, '')).toEqual(named(inv, dest));
          expect(shape(again)).toEqual(shape(inv));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('inserts general options that pip then reads, without disturbing the rest', () => {
    fc.assert(
      fc.property(argvArb, versionArb, (argv, version) => {
        const inv = parsePipArgv(argv, version);
        const again = parsePipArgv(insertGlobal(inv, ['--isolated']), version);
        expect(shape(again)).toEqual(shape(inv));
        expect(named(again, 'isolated_mode')).toEqual(named(inv, 'isolated_mode'));
        expect(again.globals.filter((o) => o.dest === 'isolated_mode').length).toBe(
          inv.globals.filter((o) => o.dest === 'isolated_mode').length + 1,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('appends subcommand options last, without disturbing the rest', () => {
    fc.assert(
      fc.property(argvArb, versionArb, (argv, version) => {
        const inv = parsePipArgv(argv, version);
        if (inv.subcommand !== 'install') return;
        const again = parsePipArgv(appendSubcommandOptions(inv, ['--no-user']), version);
        expect(shape(again)).toEqual(shape(inv));
        expect(named(again, 'use_user_site')).toEqual(named(inv, 'use_user_site'));
        expect(again.options.filter((o) => o.dest === 'use_user_site').at(-1)?.name).toBe(
          '--no-user',
        );
      }),
      { numRuns: 2000 },
    );
  });
});
