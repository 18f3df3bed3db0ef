import { describe, expect, it } from 'vitest';
import { parsePipArgv } from './parse-pip.js';
import type { ParsedOption, PipInvocation } from './types.js';

/** `--index-url=http://x` for an option with a value, `--user` for a flag. */
const show = (opts: ParsedOption[]) =>
  opts.map((o) => (o.value === null ? o.name : `${o.name}=${o.value}`));

function summary(inv: PipInvocation) {
  return {
    sub: inv.subcommand,
    globals: show(inv.globals),
    options: show(inv.options),
    positionals: inv.positionals,
    unknown: inv.unknown,
    misplaced: show(inv.misplaced),
  };
}

const argvOf = (s: string | string[]) => (Array.isArray(s) ? s : s === '' ? [] : s.split(' '));

type Expected = Partial<ReturnType<typeof summary>>;

describe('parsePipArgv', () => {
  // [argv, pip version (null: newest), expected]
  const cases: [string | string[], string | null, Expected][] = [
    [
      '-q install -U --user x',
      null,
      {
        sub: 'install',
        globals: ['--quiet'],
        options: ['--upgrade', '--user'],
        positionals: ['x'],
      },
    ],
    ['install -rreq.txt', null, { options: ['--requirement=req.txt'], positionals: [] }],
    [
      'install -r req.txt -c c.txt',
      null,
      { options: ['--requirement=req.txt', '--constraint=c.txt'] },
    ],
    // --us: --user and --use-pep517 in install, --use-feature/--use-deprecated in general.
    ['install --us x', null, { options: [], unknown: ['--us'], positionals: ['x'] }],
    ['install --us x', '22.0.4', { options: [], unknown: ['--us'] }],
    // pip 18.1 has neither --use-pep517 (19.0) nor --use-feature (20.2): unique.
    ['install --us x', '18.1', { options: ['--user'], unknown: [] }],
    ['install --use-f truststore x', null, { globals: ['--use-feature=truststore'] }],
    [
      'install --index-url=http://x y',
      null,
      { options: ['--index-url=http://x'], positionals: ['y'] },
    ],
    [
      'install --index-ur http://x y',
      null,
      { options: ['--index-url=http://x'], positionals: ['y'] },
    ],
    ['install -ihttp://x y', null, { options: ['--index-url=http://x'], positionals: ['y'] }],
    // optparse takes the next token as the value whatever it looks like.
    ['install --index-url --user x', null, { options: ['--index-url=--user'], positionals: ['x'] }],
    [
      '--python /p install x',
      null,
      { sub: 'install', globals: ['--python=/p'], positionals: ['x'] },
    ],
    ['--python=/p install x', '22.3', { globals: ['--python=/p'] }],
    // Before 22.3 pip's main parser has no --python: "no such option".
    ['--python /p install x', '22.0.4', { sub: null, unknown: ['--python', '/p', 'install', 'x'] }],
    // After the subcommand: rejected by pip ≥23.2, ignored by 22.3–23.1.
    [
      'install --python /p x',
      null,
      { globals: [], misplaced: ['--python=/p'], positionals: ['x'] },
    ],
    ['install --python /p x', '23.0.1', { misplaced: ['--python=/p'] }],
    // Before 22.3, install's parser reads --python as an abbreviation of --python-version.
    ['install --python /p x', '22.0.4', { options: ['--python-version=/p'], positionals: ['x'] }],
    ['list --python /p', '22.0.4', { unknown: ['--python'], positionals: ['/p'] }],
    ['install -- -weird-name', null, { positionals: ['-weird-name'], options: [] }],
    ['install x -- --user', null, { positionals: ['x', '--user'], options: [] }],
    // `--` before the subcommand ends options for the command's parser too.
    ['-- install --user x', null, { sub: 'install', positionals: ['--user', 'x'], options: [] }],
    ['-- install -- x', null, { sub: 'install', positionals: ['--', 'x'] }],
    ['list --format json', null, { sub: 'list', options: ['--format=json'] }],
    ['list --format=json --user', null, { options: ['--format=json', '--user'] }],
    ['-vvv install x', null, { globals: ['--verbose', '--verbose', '--verbose'], sub: 'install' }],
    ['install -e .', null, { options: ['--editable=.'], positionals: [] }],
    [
      'install -vqUe .',
      null,
      { globals: ['--verbose', '--quiet'], options: ['--upgrade', '--editable=.'] },
    ],
    ['install -qqU x', null, { globals: ['--quiet', '--quiet'], options: ['--upgrade'] }],
    // pip's main parser knows only the general options: -U before install is an error.
    ['-qqU install x', null, { sub: 'install', globals: [], unknown: ['-qqU'] }],
    ['--user install x', null, { sub: 'install', unknown: ['--user'], options: [] }],
    ['instal x', null, { sub: null, unknown: ['instal', 'x'] }],
    ['Install x', null, { sub: null, unknown: ['Install', 'x'] }],
    ['install --frobnicate x', null, { unknown: ['--frobnicate'], positionals: ['x'] }],
    ['install -Z x', null, { unknown: ['-Z'], positionals: ['x'] }],
    ['install -qZ x', null, { unknown: ['-qZ'], globals: [] }],
    ['install --user=1 x', null, { unknown: ['--user=1'], options: [] }],
    ['install -r', null, { unknown: ['-r'], options: [] }],
    // --lo matches --log, --log-file and --local-log: three spellings, ambiguous.
    ['install --lo l x', null, { unknown: ['--lo'], positionals: ['l', 'x'] }],
    ['install --log-f l x', null, { globals: ['--log=l'], positionals: ['x'] }],
    ['install --no-dep x', null, { unknown: ['--no-dep'] }],
    ['install --pre x', null, { options: ['--pre'] }],
    // --pr is --proxy to the main parser but ambiguous to install's: pip errors.
    ['--pr=http://p install x', null, { sub: 'install', globals: [], unknown: ['--pr=http://p'] }],
    ['--prox=http://p install x', null, { globals: ['--proxy=http://p'] }],
    ['--proxy http://p install x', null, { globals: ['--proxy=http://p'], sub: 'install' }],
    // cmd_args.remove(cmd_name) drops the first equal token: same list either way.
    [
      '--log install install x',
      null,
      { sub: 'install', globals: ['--log=install'], positionals: ['x'] },
    ],
    ['--version', null, { sub: null, globals: ['--version'] }],
    ['', null, { sub: null, globals: [], unknown: [] }],
    ['-v', null, { sub: null, globals: ['--verbose'] }],
    ['help install', null, { sub: 'help', positionals: ['install'] }],
    ['install - x', null, { positionals: ['-', 'x'] }],
    ['download -d dir x', null, { sub: 'download', options: ['--dest=dir'] }],
    ['uninstall -y x', null, { options: ['--yes'], positionals: ['x'] }],
    ['config --user set a b', null, { options: ['--user'], positionals: ['set', 'a', 'b'] }],
    ['install --no-user x', null, { options: ['--no-user'] }],
    ['install --no-cache-dir --isolated x', null, { globals: ['--no-cache-dir', '--isolated'] }],
    ['install -t /t x', null, { options: ['--target=/t'] }],
    [
      ['install', '--prefix', '/a b', 'x y'],
      null,
      { options: ['--prefix=/a b'], positionals: ['x y'] },
    ],
    // Options that exist (or take a value) only in some versions.
    ['install --dry-run x', '18.1', { unknown: ['--dry-run'], positionals: ['x'] }],
    ['install --dry-run x', '22.2', { options: ['--dry-run'] }],
    [
      'install --report r.json x',
      '22.0.4',
      { unknown: ['--report'], positionals: ['r.json', 'x'] },
    ],
    ['install --report r.json x', null, { options: ['--report=r.json'], positionals: ['x'] }],
    ['install --break-system-packages x', '23.0.1', { options: ['--break-system-packages'] }],
    ['install --break-system-packages x', '23.0', { unknown: ['--break-system-packages'] }],
    ['install --root-user-action ignore x', '22.0.4', { positionals: ['ignore', 'x'] }],
    ['install --root-user-action ignore x', '22.1', { options: ['--root-user-action=ignore'] }],
    ['install -C k=v x', '23.0.1', { unknown: ['-C'], positionals: ['k=v', 'x'] }],
    ['install -C k=v x', '23.2.1', { options: ['--config-settings=k=v'], positionals: ['x'] }],
    ['install --config-settings k=v x', '22.0.4', { positionals: ['k=v', 'x'] }],
    ['install --config-settings k=v x', '23.0.1', { options: ['--config-settings=k=v'] }],
    ['install --use-feature fast-deps x', '18.1', { positionals: ['fast-deps', 'x'] }],
    ['install --use-feature fast-deps x', null, { globals: ['--use-feature=fast-deps'] }],
    ['install --install-option=--x y', '23.0.1', { options: ['--install-option=--x'] }],
    ['install --install-option=--x y', '23.1', { unknown: ['--install-option=--x'] }],
    ['install -b build x', '19.2.3', { options: ['--build=build'], positionals: ['x'] }],
    ['install -b build x', '20.3.1', { options: ['--build=build'] }],
    ['install -b build x', null, { unknown: ['-b'], positionals: ['build', 'x'] }],
    ['cache list', '19.2.3', { sub: null, unknown: ['cache', 'list'] }],
    ['cache list', null, { sub: 'cache', positionals: ['list'] }],
    ['inspect', '22.0.4', { sub: null, unknown: ['inspect'] }],
    ['inspect --user', '22.2', { sub: 'inspect', options: ['--user'] }],
    // pip 25.1–26.2: lock, dependency groups, the 25.3 removals, release control.
    ['lock -o pylock.toml .', '24.2', { sub: null, unknown: ['lock', '-o', 'pylock.toml', '.'] }],
    ['lock -o pylock.toml .', '25.1.1', { sub: 'lock', options: ['--output=pylock.toml'] }],
    ['install --group dev', '24.2', { unknown: ['--group'], positionals: ['dev'] }],
    ['install --group dev', '25.1', { options: ['--group=dev'] }],
    ['install --global-option=--x y', '25.1.1', { options: ['--global-option=--x'] }],
    ['install --global-option=--x y', '25.3', { unknown: ['--global-option=--x'] }],
    ['install --no-use-pep517 x', '25.3', { unknown: ['--no-use-pep517'] }],
    ['wheel --build-option --x y', '25.3', { unknown: ['--build-option', '--x'] }],
    ['install --build-constraint b.txt x', '25.3', { options: ['--build-constraint=b.txt'] }],
    ['install --only-final :all: x', '25.3', { unknown: ['--only-final'] }],
    ['install --only-final :all: x', '26.0', { options: ['--only-final=:all:'] }],
    // --only is ambiguous once --only-deps (26.2) joins --only-binary and --only-final.
    ['install --only-b :all: x', '26.2.1', { options: ['--only-binary=:all:'] }],
    // Spellings count apart: --only-dep is a prefix of --only-deps and --only-dependencies.
    ['install --only-dep x', '26.2.1', { unknown: ['--only-dep'] }],
    ['install --only-deps x', '26.2.1', { options: ['--only-deps'] }],
    ['install --only :all: x', '24.2', { options: ['--only-binary=:all:'] }],
    ['install --only :all: x', '26.2.1', { unknown: ['--only'] }],
    ['--no-proxy-env install x', '26.2.1', { globals: ['--no-proxy-env'] }],
    ['--resume-retries 3 install x', '25.1', { globals: ['--resume-retries=3'] }],
    ['index versions --json x', '25.1.1', { options: ['--json'] }],
    // parse_command removes the FIRST token equal to the subcommand.
    [
      '--log install -v install x',
      '24.2',
      { sub: 'install', globals: ['--log=-v'], positionals: ['install', 'x'], unknown: [] },
    ],
    // optparse's help action exits at -h, before the unknown -Z.
    ['install -hZ x', null, { options: [], globals: ['--help'], unknown: [] }],
    // Pre-releases and unparsable versions.
    ['install --dry-run x', '22.2b1', { options: ['--dry-run'] }],
    ['install -C k=v x', 'garbage', { options: ['--config-settings=k=v'] }],
    ['install -C k=v x', '99.0', { options: ['--config-settings=k=v'] }],
  ];

  it.each(cases)('%s (pip %s)', (argv, version, expected) => {
    expect(summary(parsePipArgv(argvOf(argv), version))).toMatchObject(expected);
  });

  it('records token spans, clusters and dests', () => {
    const inv = parsePipArgv(['-q', 'install', '-qUrreq.txt', '--index-url', 'u', '--user', 'x']);
    expect(inv.subcommandIndex).toBe(1);
    expect(inv.globals).toEqual([
      { name: '--quiet', dest: 'quiet', value: null, start: 0, end: 1, clustered: false },
      {
        name: '--quiet',
        dest: 'quiet',
        value: null,
        start: 2,
        end: 3,
        clustered: true,
        charIndex: 1,
      },
    ]);
    expect(inv.options).toEqual([
      {
        name: '--upgrade',
        dest: 'upgrade',
        value: null,
        start: 2,
        end: 3,
        clustered: true,
        charIndex: 2,
      },
      {
        name: '--requirement',
        dest: 'requirements',
        value: 'req.txt',
        start: 2,
        end: 3,
        clustered: true,
        charIndex: 3,
      },
      { name: '--index-url', dest: 'index_url', value: 'u', start: 3, end: 5, clustered: false },
      { name: '--user', dest: 'use_user_site', value: null, start: 5, end: 6, clustered: false },
    ]);
  });

  it('gives --user and --no-user one dest, as optparse stores both into use_user_site', () => {
    const inv = parsePipArgv(['install', '--user', '--no-user']);
    expect(inv.options.map((o) => [o.name, o.dest])).toEqual([
      ['--user', 'use_user_site'],
      ['--no-user', 'use_user_site'],
    ]);
  });

  it.each([
    ['install x', 0, 2],
    ['-q install x', 1, 3],
    ['-- install x', 0, 3],
    ['install x -- y', 0, 2],
    ['install x -r', 0, 2],
    ['--log', 0, 0],
    ['--version', 1, 1],
    ['', 0, 0],
  ] as const)('%s: globalEnd %i, optionsEnd %i', (argv, globalEnd, optionsEnd) => {
    const inv = parsePipArgv(argvOf(argv));
    expect([inv.globalEnd, inv.optionsEnd]).toEqual([globalEnd, optionsEnd]);
  });

  it('never mutates its input', () => {
    const argv = ['-q', 'install', '-U', 'x'];
    const inv = parsePipArgv(argv);
    expect(inv.argv).toEqual(['-q', 'install', '-U', 'x']);
  });
});
