import { describe, expect, it } from 'vitest';
import { isPipModule, parsePythonArgv } from './parse-python.js';
import type { PythonInvocation } from './types.js';

type Expected = Partial<Omit<PythonInvocation, 'argv' | 'flags'>> & { flags?: string };

/** Flags as a short string: `IEs` for isolated, ignoreEnvironment, noUserSite. */
function flagString(inv: PythonInvocation): string {
  const f = inv.flags;
  return `${f.isolated ? 'I' : ''}${f.ignoreEnvironment ? 'E' : ''}${f.noUserSite ? 's' : ''}`;
}

describe('parsePythonArgv', () => {
  // [argv, python version (null: any), expected]
  const cases: [string[], string | null, Expected][] = [
    [
      ['-I', '-m', 'pip', 'install', 'x'],
      null,
      {
        module: 'pip',
        moduleIndex: 2,
        interpreterArgs: ['-I'],
        moduleArgs: ['install', 'x'],
        flags: 'IEs',
      },
    ],
    [
      ['-mpip', 'install'],
      null,
      { module: 'pip', moduleIndex: 0, interpreterArgs: [], moduleArgs: ['install'] },
    ],
    [
      ['-Im', 'pip', 'list'],
      null,
      { module: 'pip', moduleIndex: 1, interpreterArgs: [], flags: 'IEs' },
    ],
    [['-Impip'], null, { module: 'pip', moduleIndex: 0, moduleArgs: [], flags: 'IEs' }],
    [['-Esm', 'pip', 'list'], null, { module: 'pip', moduleIndex: 1, flags: 'Es' }],
    [['-E', '-m', 'pip'], null, { module: 'pip', flags: 'E' }],
    [['-s', '-m', 'pip'], null, { module: 'pip', flags: 's' }],
    [
      ['-X', 'dev', '-m', 'pip', 'install'],
      null,
      { module: 'pip', moduleIndex: 3, interpreterArgs: ['-X', 'dev'], moduleArgs: ['install'] },
    ],
    [['-Xdev', '-m', 'pip'], null, { module: 'pip', moduleIndex: 2, interpreterArgs: ['-Xdev'] }],
    [['-W', 'ignore', '-m', 'pip'], null, { module: 'pip', moduleIndex: 3 }],
    [['-Wignore::DeprecationWarning', '-mpip', '-V'], null, { module: 'pip', moduleArgs: ['-V'] }],
    // -W's argument may look like an option: getopt takes the next token as is.
    [['-W', '-m', 'pip'], null, { module: null, interpreterArgs: ['-W', '-m'] }],
    [['-bb', '-OO', '-u', '-m', 'pip'], null, { module: 'pip', moduleIndex: 4 }],
    [['-m', 'pip', '-I', '-E'], null, { module: 'pip', moduleArgs: ['-I', '-E'], flags: '' }],
    [
      ['-c', 'import pip'],
      null,
      { module: null, moduleIndex: -1, interpreterArgs: [], moduleArgs: [] },
    ],
    [['-Ic', 'import pip', '-m', 'pip'], null, { module: null, flags: 'IEs' }],
    [
      ['-E', '-s', '-c', 'x', '-m', 'pip'],
      null,
      { module: null, interpreterArgs: ['-E', '-s'], flags: 'Es' },
    ],
    [['script.py', '-m', 'pip'], null, { module: null, interpreterArgs: [], exitsEarly: null }],
    [['-I', 'script.py'], null, { module: null, interpreterArgs: ['-I'] }],
    [['-', '-m', 'pip'], null, { module: null, interpreterArgs: [] }],
    // After `--` the next token is the script, even `-m`.
    [['--', '-m', 'pip'], null, { module: null, interpreterArgs: [] }],
    [[], null, { module: null, exitsEarly: null }],
    [['-i'], null, { module: null, exitsEarly: null }],
    [['-m'], null, { module: null, exitsEarly: 'error' }],
    [['-Im'], null, { module: null, exitsEarly: 'error' }],
    // -V is acted on after parsing, so pip never runs.
    [['-V', '-m', 'pip', 'install', 'x'], null, { module: null, exitsEarly: 'version' }],
    [['--version', '-m', 'pip'], null, { module: null, exitsEarly: 'version' }],
    [['-h', '-m', 'pip'], null, { module: null, exitsEarly: 'help' }],
    [['--help'], null, { exitsEarly: 'help' }],
    [['-?'], null, { exitsEarly: 'help' }],
    [['--help-env'], '3.11', { exitsEarly: 'help' }],
    [['-J', '-m', 'pip'], null, { module: null, exitsEarly: 'error' }],
    [['-Z', '-m', 'pip'], null, { module: null, exitsEarly: 'error' }],
    [['--frob', '-m', 'pip'], null, { module: null, exitsEarly: 'error' }],
    [['--constructor', 'x', '-m', 'pip'], null, { module: null, exitsEarly: 'error' }],
    [
      ['--check-hash-based-pycs', 'always', '-m', 'pip'],
      null,
      { module: 'pip', moduleIndex: 3, interpreterArgs: ['--check-hash-based-pycs', 'always'] },
    ],
    // getopt.c matches long options exactly and has no `--opt=value`.
    [['--check-hash-based-pycs=always', '-m', 'pip'], null, { module: null, exitsEarly: 'error' }],
    [['--check-hash-based-pycs', 'always', '-m', 'pip'], '3.6', { exitsEarly: 'error' }],
    [['-m', 'pip.__main__', 'list'], null, { module: 'pip.__main__', moduleArgs: ['list'] }],
    // Per-version options.
    [['-I', '-m', 'pip'], '2.7.18', { module: null, exitsEarly: 'error' }],
    [['-X', 'dev', '-m', 'pip'], '2.7', { module: null, exitsEarly: 'error' }],
    [['-Qnew', '-m', 'pip'], '2.7', { module: 'pip', moduleIndex: 2 }],
    [['-3', '-m', 'pip'], '2.7', { module: 'pip' }],
    [['-Qnew', '-m', 'pip'], '3.12', { module: null, exitsEarly: 'error' }],
    [['-P', '-m', 'pip'], '3.10.13', { module: null, exitsEarly: 'error' }],
    [['-P', '-m', 'pip'], '3.11', { module: 'pip' }],
    [['-I', '-m', 'pip'], '3.4', { module: 'pip', flags: 'IEs' }],
  ];

  it.each(cases)('%j (python %s)', (argv, version, expected) => {
    const inv = parsePythonArgv(argv, version);
    const { flags, ...rest } = expected;
    expect(inv).toMatchObject(rest);
    if (flags !== undefined) expect(flagString(inv)).toBe(flags);
    expect(inv.argv).toBe(argv);
  });
});

describe('isPipModule', () => {
  it.each([
    [['-m', 'pip'], true],
    [['-mpip', 'install'], true],
    [['-m', 'pip.__main__'], true],
    [['-m', 'pipx'], false],
    [['-m', 'pip._internal'], false],
    [['-m', 'Pip'], false],
    [['-c', 'import pip'], false],
    [['-V', '-m', 'pip'], false],
    // -S: site-packages is not on sys.path, "No module named pip".
    [['-S', '-m', 'pip', 'install'], false],
    [['-ESm', 'pip'], false],
    [['-s', '-m', 'pip'], true],
  ] as const)('%j → %s', (argv, expected) => {
    expect(isPipModule(parsePythonArgv([...argv]))).toBe(expected);
  });
});
