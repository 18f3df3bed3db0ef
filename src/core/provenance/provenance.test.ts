import { describe, expect, it } from 'vitest';
import { parsePipArgv } from '../argv/index.js';
import type { AuditRecord } from '../audit-record.js';
import { userBaseOf } from '../user-base.js';
import { parseAuditLine } from './audit-line.js';
import { type InstalledDist, installedBy, type UserSiteTarget } from './installed-by.js';
import { normalizeName, requirementName } from './requirement-name.js';

describe('requirementName: the project an install argument names', () => {
  it.each([
    ['pwdemo', 'pwdemo', null],
    ['PwDemo==0.1', 'PwDemo', '0.1'],
    ['pwdemo == 0.1 ; python_version > "3"', 'pwdemo', '0.1'],
    ['pwdemo[cli]>=0.1,<2', 'pwdemo', null],
    ['pwdemo==0.*', 'pwdemo', null],
    ['pw.demo~=1.0', 'pw.demo', null],
    ['pwdemo @ file:///tmp/pwdemo-0.1-py3-none-any.whl', 'pwdemo', null],
    ['./dist/pwdemo-0.1-py3-none-any.whl', 'pwdemo', '0.1'],
    ['/w/pw_demo-0.2-py2.py3-none-any.whl', 'pw_demo', '0.2'],
    ['pwdemo-0.1-1-py3-none-any.whl', 'pwdemo', '0.1'],
    ['https://example.org/pwdemo-1.0.tar.gz#sha256=ab', 'pwdemo', '1.0'],
    ['../pw-demo-2.0.zip', 'pw-demo', '2.0'],
    ['git+https://example.org/x.git#egg=pwdemo', 'pwdemo', null],
  ])('%s → %s %s', (arg, name, version) => {
    expect(requirementName(arg)).toEqual({ name, version });
  });

  it.each([['.'], ['./src/pwdemo'], ['/tmp/project/'], ['pwdemo!'], ['-'], ['']])(
    '%s names nothing we can know',
    (arg) => {
      expect(requirementName(arg)).toBeNull();
    },
  );

  it.each([
    ['PwDemo', 'pwdemo'],
    ['pw_demo', 'pw-demo'],
    ['Pw.-_Demo', 'pw-demo'],
  ])('normalizeName(%s) = %s (PEP 503)', (name, want) => {
    expect(normalizeName(name)).toBe(want);
  });
});

const BASE = '/h/.local/share/pipwarden/disposable/python3.12';
const PIP = '/py/3.12/bin/pip3.12';

function rec(
  time: string,
  final: string[] | null,
  set: Record<string, string> = {},
  more: Partial<AuditRecord> = {},
): AuditRecord {
  return {
    time: `2026-11-22T${time}:00.000Z`,
    user: 'me',
    uid: 1000,
    sudoUser: null,
    cwd: '/w',
    interpreter: '/py/3.12/bin/python3.12',
    pythonVersion: '3.12.1',
    argv: final === null ? ['pip', 'install', 'x'] : ['pip', ...final.slice(1)],
    final: final === null ? null : { argv: final, before: [], set, unset: [] },
    action: final === null ? 'refuse' : 'rewrite',
    exitCode: null,
    reasons: [],
    sources: [],
    ...more,
  };
}

const USER: UserSiteTarget = { kind: 'user', pythonVersion: '3.12' };
const DISPOSABLE: UserSiteTarget = { kind: 'disposable', base: BASE };
const DISTS: InstalledDist[] = [{ name: 'pwdemo', version: '0.1' }];

describe('installedBy: the latest audit record that put each package in this user base', () => {
  it.each<[string, AuditRecord[], UserSiteTarget, string | null]>([
    ['--user install', [rec('10:00', [PIP, 'install', '--user', 'pwdemo'])], USER, '10:00'],
    [
      'pw-demo is another project than pwdemo',
      [
        rec('10:00', [
          '/py/3.12/bin/python3.12',
          '-m',
          'pip',
          'install',
          '--user',
          './dist/PW_Demo-0.1-py3-none-any.whl',
        ]),
      ],
      { kind: 'user', pythonVersion: '3.12' },
      null,
    ],
    [
      'the latest of several',
      [
        rec('10:00', [PIP, 'install', '--user', 'pwdemo']),
        rec('12:00', [PIP, 'install', '--user', '-U', 'pwdemo', 'other']),
        rec('11:00', [PIP, 'install', '--user', 'pwdemo']),
      ],
      USER,
      '12:00',
    ],
    [
      'a pin of another version is an older install',
      [
        rec('10:00', [PIP, 'install', '--user', 'pwdemo']),
        rec('11:00', [PIP, 'install', '--user', 'pwdemo==0.2']),
      ],
      USER,
      '10:00',
    ],
    [
      'the last of --user/--no-user wins',
      [rec('10:00', [PIP, 'install', '--user', '--no-user', 'pwdemo'])],
      USER,
      null,
    ],
    ['not a user install', [rec('10:00', [PIP, 'install', 'pwdemo'])], USER, null],
    [
      'PIP_USER set by pipwarden',
      [rec('10:00', [PIP, 'install', 'pwdemo'], { PIP_USER: '1' })],
      USER,
      '10:00',
    ],
    ['a refusal ran nothing', [rec('10:00', null)], USER, null],
    [
      '--dry-run installs nothing',
      [rec('10:00', [PIP, 'install', '--user', '--dry-run', 'pwdemo'])],
      USER,
      null,
    ],
    [
      'pip download is not an install',
      [rec('10:00', [PIP, 'download', 'pwdemo'], { PIP_USER: '1' })],
      USER,
      null,
    ],
    [
      'another Python version has another user site',
      [rec('10:00', [PIP, 'install', '--user', 'pwdemo'], {}, { pythonVersion: '3.11.9' })],
      USER,
      null,
    ],
    [
      'a record from before pythonVersion was logged',
      [rec('10:00', [PIP, 'install', '--user', 'pwdemo'], {}, { pythonVersion: undefined })],
      USER,
      '10:00',
    ],
    [
      'the disposable base, by PYTHONUSERBASE',
      [rec('10:00', [PIP, 'install', '--user', 'pwdemo'], { PYTHONUSERBASE: BASE })],
      DISPOSABLE,
      '10:00',
    ],
    [
      'a disposable install is not in the user site',
      [rec('10:00', [PIP, 'install', '--user', 'pwdemo'], { PYTHONUSERBASE: BASE })],
      USER,
      null,
    ],
    [
      'a user-site install is not in the disposable base',
      [rec('10:00', [PIP, 'install', '--user', 'pwdemo'])],
      DISPOSABLE,
      null,
    ],
    [
      'another disposable base',
      [rec('10:00', [PIP, 'install', '--user', 'pwdemo'], { PYTHONUSERBASE: `${BASE}-x` })],
      DISPOSABLE,
      null,
    ],
    [
      '-e with #egg=',
      [rec('10:00', [PIP, 'install', '--user', '-e', 'git+https://x/y.git#egg=pwdemo'])],
      USER,
      '10:00',
    ],
    [
      'a requirements file names nothing',
      [rec('10:00', [PIP, 'install', '--user', '-r', 'pwdemo'])],
      USER,
      null,
    ],
    ['not pip at all', [rec('10:00', ['/bin/sh', 'install', '--user', 'pwdemo'])], USER, null],
  ])('%s', (_, records, target, want) => {
    const [p] = installedBy(DISTS, records, target);
    expect(p?.installedBy?.time ?? null).toBe(want === null ? null : `2026-11-22T${want}:00.000Z`);
  });

  it('the wheel in a python -m pip call matches across case and separators', () => {
    const r = rec('10:00', [
      '/py/3.12/bin/python3.12',
      '-m',
      'pip',
      'install',
      '--user',
      './dist/PW_Demo-0.1-py3-none-any.whl',
    ]);
    const [p] = installedBy([{ name: 'pw-demo', version: '0.1' }], [r], USER);
    expect(p?.installedBy).toEqual({
      time: r.time,
      argv: r.argv,
      final: r.final?.argv,
      cwd: '/w',
      user: 'me',
    });
  });

  it('keeps every distribution, in order, seen or not', () => {
    const r = rec('10:00', [PIP, 'install', '--user', 'b']);
    const got = installedBy(
      [
        { name: 'a', version: '1' },
        { name: 'B', version: '2' },
      ],
      [r],
      USER,
    );
    expect(got.map((p) => [p.name, p.version, p.installedBy?.time ?? null])).toEqual([
      ['a', '1', null],
      ['B', '2', r.time],
    ]);
  });
});

describe('parseAuditLine: a torn or foreign line is skipped', () => {
  const good = rec('10:00', [PIP, 'install', '--user', 'pwdemo']);
  it.each([
    ['a record', JSON.stringify(good), true],
    ['a refusal', JSON.stringify(rec('10:00', null)), true],
    ['torn', JSON.stringify(good).slice(0, 40), false],
    ['empty', '', false],
    ['not an object', '[1,2]', false],
    ['foreign JSON', '{"level":"info","msg":"hi"}', false],
    ['argv not strings', JSON.stringify({ ...good, argv: [1] }), false],
    [
      'env values not strings',
      JSON.stringify({ ...good, final: { ...good.final, set: { A: 1 } } }),
      false,
    ],
  ])('%s', (_, line, ok) => {
    expect(parseAuditLine(line) !== null).toBe(ok);
  });
});

describe('userBaseOf: which user base a pip install goes to', () => {
  const none = { set: {}, unset: [] };
  it.each<[string, { set: Record<string, string>; unset: string[] }, string | null | 'none']>([
    ['install --user x', none, null],
    ['install x --user', none, null],
    ['install --user --no-user x', none, 'none'],
    ['install --no-user --user x', none, null],
    ['install x', none, 'none'],
    ['install x', { set: { PIP_USER: 'yes' }, unset: [] }, null],
    ['install x', { set: { PIP_USER: '0' }, unset: [] }, 'none'],
    ['install --user x', { set: { PYTHONUSERBASE: BASE }, unset: [] }, BASE],
    ['install --user x', { set: { PYTHONUSERBASE: BASE }, unset: ['PYTHONUSERBASE'] }, null],
    ['install --user --dry-run x', none, 'none'],
    ['uninstall -y x', { set: { PIP_USER: '1' }, unset: [] }, 'none'],
    ['--isolated install --user x', none, null],
  ])('pip %s %j → %s', (argv, env, want) => {
    const got = userBaseOf(parsePipArgv(argv.split(' ')), env);
    expect(got === null ? 'none' : got.base).toBe(want);
  });
});
