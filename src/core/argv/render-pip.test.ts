import { describe, expect, it } from 'vitest';
import { parsePipArgv } from './parse-pip.js';
import { pipSegments, renderPipArgv } from './render-pip.js';
import type { PipInvocation } from './types.js';

const argvOf = (s: string) => (s === '' ? [] : s.split(' '));
const kinds = (s: string, version: string | null = null) =>
  pipSegments(parsePipArgv(argvOf(s), version))?.map((g) => `${g.kind}:${g.end - g.start}`);

describe('pipSegments', () => {
  it.each([
    ['', []],
    ['install x', ['subcommand:1', 'positional:1']],
    ['-q install -qUr req.txt x', ['global:1', 'subcommand:1', 'global:2', 'positional:1']],
    ['--log l install --index-url u x', ['global:2', 'subcommand:1', 'option:2', 'positional:1']],
    ['install x -- --user', ['subcommand:1', 'positional:1', 'separator:1', 'positional:1']],
    ['-- install --user', ['separator:1', 'subcommand:1', 'positional:1']],
    ['instal x', ['unknown:1', 'unknown:1']],
    ['install --frob x', ['subcommand:1', 'unknown:1', 'positional:1']],
    ['install --python /p x', ['subcommand:1', 'misplaced:2', 'positional:1']],
    // pip drops the first `install` (--log's value to the main parser); --log takes -v.
    ['--log install -v install x', ['global:3', 'positional:1', 'positional:1']],
  ] as const)('%s', (argv, expected) => {
    expect(kinds(argv, '24.2')).toEqual(expected);
  });

  it('returns null when a parse loses a token', () => {
    const inv = parsePipArgv(['install', 'x', 'y']);
    const lossy: PipInvocation = { ...inv, positionals: ['x'] };
    expect(pipSegments(lossy)).toBeNull();
    expect(renderPipArgv(lossy)).toBeNull();
  });

  it('renders argv back byte for byte', () => {
    const argv = ['-vq', 'install', "it's!", '-rreq.txt', '--', '', '~', '-e'];
    expect(renderPipArgv(parsePipArgv(argv))).toEqual(argv);
  });
});
