import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PipSettings } from '../../src/core/facts.js';
import { readPipSettings } from '../../src/io/pip-config/pip-config.js';
import { hermeticEnv } from '../helpers/env.js';
import { pyenvPython } from '../helpers/pythons.js';
import { tempDir } from '../helpers/tmp.js';
import { makeVenv } from '../helpers/venv.js';

// pip itself is the oracle: build the command's option parser the way pip's
// main() does and print the option values its config and PIP_* produced.
const ORACLE = `
import json, sys
name, isolated = sys.argv[1], sys.argv[2] == '1'
try:
    from pip._internal.commands import create_command
    cmd = create_command(name, isolated=isolated)
except ImportError:
    from pip._internal.commands import commands_dict
    cmd = commands_dict[name](isolated=isolated)
opts, _ = cmd.parse_args([])
d = vars(opts)
out = {}
for k in ['use_user_site', 'user', 'require_venv', 'override_externally_managed', 'python', 'target_dir', 'prefix_path', 'root_path', 'index_url', 'extra_index_urls', 'find_links', 'no_index']:
    v = d.get(k)
    out[k] = bool(v) if isinstance(v, int) else v
print(json.dumps(out))
`;

interface Scenario {
  name: string;
  files?: Partial<Record<'global' | 'legacy' | 'user' | 'site' | 'envFile', string>>;
  env?: Record<string, string | undefined>;
  isolated?: boolean;
  subcommand?: string;
  /** Expected by us and by pip (pip: exits 2 when invalid). */
  expect: Partial<Record<keyof Omit<PipSettings, 'files' | 'invalid'>, unknown>> | 'invalid';
}

const SCENARIOS: Scenario[] = [
  {
    name: 'user file overrides global file',
    files: { global: '[global]\nuser = no\n', user: '[global]\nuser = yes\n' },
    expect: { user: true },
  },
  {
    name: '[install] in the global file beats [global] in the user file (section order beats file order)',
    files: { global: '[install]\nuser = yes\n', user: '[global]\nuser = no\n' },
    expect: { user: true },
  },
  {
    name: 'new user file overrides the legacy ~/.pip/pip.conf',
    files: { legacy: '[global]\ntarget = /legacy\n', user: '[global]\ntarget = /new\n' },
    expect: { target: '/new' },
  },
  {
    name: 'site file overrides user file within a section',
    files: { user: '[global]\nprefix = /p-user\n', site: '[global]\nprefix = /p-site\n' },
    expect: { prefix: '/p-site' },
  },
  {
    name: "user's [install] beats site's [global]",
    files: { user: '[install]\ntarget = /t-user\n', site: '[global]\ntarget = /t-site\n' },
    expect: { target: '/t-user' },
  },
  {
    name: 'an existing PIP_CONFIG_FILE skips the user files and overrides site',
    files: {
      user: '[global]\nprefix = /p-user\n',
      site: '[global]\nroot = /r-site\n',
      envFile: '[global]\nroot = /r-env\n',
    },
    expect: { prefix: null, root: '/r-env' },
  },
  {
    name: 'a missing PIP_CONFIG_FILE keeps the user files',
    files: { user: '[global]\nprefix = /p-user\n' },
    env: { PIP_CONFIG_FILE: '/nonexistent/pip.conf' },
    expect: { prefix: '/p-user' },
  },
  {
    name: 'PIP_CONFIG_FILE=/dev/null skips every file but not PIP_* variables',
    files: { global: '[global]\nuser = yes\n', site: '[global]\nroot = /r\n' },
    env: { PIP_CONFIG_FILE: '/dev/null', PIP_TARGET: '/t-env' },
    expect: { user: null, root: null, target: '/t-env' },
  },
  {
    name: 'PIP_* beats every file section',
    files: { site: '[install]\nuser = yes\n' },
    env: { PIP_USER: 'off' },
    expect: { user: false },
  },
  {
    name: 'PIP_NO_USER=1 turns --user ON (pip stores strtobool of store_false options as is)',
    env: { PIP_NO_USER: '1' },
    expect: { user: true },
  },
  {
    name: '--isolated drops user files and PIP_* but keeps global and site',
    files: {
      global: '[global]\nroot = /r-global\n',
      user: '[global]\nuser = yes\n',
      site: '[install]\nprefix = /p-site\n',
    },
    env: { PIP_TARGET: '/t-env' },
    isolated: true,
    expect: { user: null, target: null, root: '/r-global', prefix: '/p-site' },
  },
  {
    // Checked against each pip only: 24.2 has both options, 18.1 neither.
    name: 'options newer than the pip are ignored by it (--python 22.3, --break-system-packages 23.0.1)',
    env: { PIP_PYTHON: '/some/python', PIP_BREAK_SYSTEM_PACKAGES: 'yes' },
    expect: {},
  },
  {
    name: 'a bad boolean makes pip refuse to start',
    files: { user: '[global]\nuser = maybe\n' },
    expect: 'invalid',
  },
  {
    name: 'a bad boolean fails even when a later source overrides it',
    files: { user: '[install]\nrequire-virtualenv = sometimes\n' },
    env: { PIP_REQUIRE_VIRTUALENV: '1' },
    expect: 'invalid',
  },
  {
    name: 'find-links and extra-index-url are split on whitespace, newlines included',
    files: {
      user: '[install]\nfind-links =\n    /a\n    /b /c\nextra-index-url = http://e1  http://e2\n',
    },
    expect: { findLinks: ['/a', '/b', '/c'], extraIndexUrls: ['http://e1', 'http://e2'] },
  },
  {
    name: 'PIP_FIND_LINKS replaces the whole find-links list of pip.conf',
    files: { global: '[global]\nfind-links = /a /b\n' },
    env: { PIP_FIND_LINKS: '/env' },
    expect: { findLinks: ['/env'] },
  },
  {
    name: 'index-url from the user file, pypi-url alias in the global file, no-index from PIP_NO_INDEX',
    files: { global: '[global]\npypi-url = http://g\n', user: '[global]\nindex-url = http://u\n' },
    env: { PIP_NO_INDEX: 'yes' },
    expect: { indexUrl: 'http://u', noIndex: true },
  },
  {
    name: '--isolated: PIP_INDEX_URL and the user file are ignored, the env file is not',
    files: {
      user: '[global]\nextra-index-url = http://u\n',
      envFile: '[install]\nfind-links = /e\n',
    },
    env: { PIP_INDEX_URL: 'http://env' },
    isolated: true,
    expect: { indexUrl: null, extraIndexUrls: null, findLinks: ['/e'] },
  },
  {
    name: 'index settings reach download too',
    files: { user: '[download]\nindex-url = http://d\n' },
    subcommand: 'download',
    expect: { indexUrl: 'http://d' },
  },
  {
    name: "another command's section does not apply",
    files: { user: '[list]\nuser = yes\n[download]\ntarget = /x\n' },
    expect: { user: null, target: null },
  },
  {
    name: 'options the command lacks are ignored (download has no --target/--user)',
    files: { user: '[global]\ntarget = /t\nuser = yes\nrequire-venv = yes\n' },
    subcommand: 'download',
    expect: { target: null, user: null, requireVirtualenv: true },
  },
  {
    name: '[DEFAULT] values reach every section of that file',
    files: { user: '[DEFAULT]\ntarget = /d\n[install]\n' },
    expect: { target: '/d' },
  },
  {
    name: 'RawConfigParser syntax: colons, case, underscores, comments, continuation, empty values',
    files: {
      user: [
        '# comment',
        '[global]',
        '  ; indented comment',
        'REQUIRE_VIRTUALENV: true',
        'root = /r # not a comment in py3',
        'prefix =',
        '    /continued',
        'user =',
        '',
      ].join('\n'),
    },
    expect: {
      requireVirtualenv: true,
      root: '/r # not a comment in py3',
      prefix: '\n/continued',
      user: null,
    },
  },
  {
    name: 'a duplicate key is a parse error in Python 3',
    files: { user: '[global]\nuser = yes\nuser = no\n' },
    expect: 'invalid',
  },
  {
    name: 'a file without section header is a parse error',
    files: { user: 'user = yes\n' },
    expect: 'invalid',
  },
];

const PIP_DEFAULTS: Record<string, unknown> = {
  user: null,
  requireVirtualenv: false,
  breakSystemPackages: null,
  python: null,
  target: null,
  prefix: null,
  root: null,
  indexUrl: 'https://pypi.org/simple',
  extraIndexUrls: [],
  findLinks: [],
  noIndex: false,
};

const FIELD_TO_DEST: Record<string, string> = {
  requireVirtualenv: 'require_venv',
  breakSystemPackages: 'override_externally_managed',
  python: 'python',
  target: 'target_dir',
  prefix: 'prefix_path',
  root: 'root_path',
  indexUrl: 'index_url',
  extraIndexUrls: 'extra_index_urls',
  findLinks: 'find_links',
  noIndex: 'no_index',
};

/** A setting's value by field name, null when unset. */
function settingValue(settings: PipSettings, field: string): unknown {
  const setting = (settings as unknown as Record<string, { value: unknown } | null>)[field];
  return setting?.value ?? null;
}

interface Rig {
  venv: string;
  python: string;
  pipVersion: string;
  pythonVersion: [number, number];
}

let root: string;
const rigs: Record<string, Rig> = {};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pipwarden-pipconf-'));
  for (const [minor, pipVersion, pv] of [
    ['3.13', '24.2', [3, 13]],
    ['3.6', '18.1', [3, 6]],
  ] as const) {
    const py = pyenvPython(minor);
    if (py === null) throw new Error(`pyenv Python ${minor} missing`);
    const venv = makeVenv(py, join(root, `venv-${minor}`));
    rigs[minor] = { venv, python: join(venv, 'bin', 'python'), pipVersion, pythonVersion: [...pv] };
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function setUp(rig: Rig, s: Scenario) {
  const dir = tempDir();
  const home = join(dir, 'home');
  const paths = {
    global: join(dir, 'xdg', 'pip', 'pip.conf'),
    legacy: join(home, '.pip', 'pip.conf'),
    user: join(home, '.config', 'pip', 'pip.conf'),
    site: join(rig.venv, 'pip.conf'),
    envFile: join(dir, 'env.conf'),
  };
  rmSync(paths.site, { force: true });
  for (const [k, text] of Object.entries(s.files ?? {})) {
    const p = paths[k as keyof typeof paths];
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  const env = hermeticEnv(home, {
    XDG_CONFIG_DIRS: join(dir, 'xdg'),
    PIP_CONFIG_FILE: s.files?.envFile ? paths.envFile : undefined,
    ...s.env,
  });
  return { dir, env, paths };
}

describe.each(['3.13', '3.6'])(
  'pip config precedence, checked against pip of Python %s',
  (minor) => {
    test.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, s) => {
      const rig = rigs[minor]!;
      const { dir, env, paths } = setUp(rig, s);
      const subcommand = s.subcommand ?? 'install';
      const ours = readPipSettings({
        env,
        cwd: dir,
        isolated: s.isolated ?? false,
        subcommand,
        sysPrefix: rig.venv,
        inVirtualenv: true,
        pipVersion: rig.pipVersion,
        pythonVersion: rig.pythonVersion,
      });
      const pip = spawnSync(rig.python, ['-c', ORACLE, subcommand, s.isolated ? '1' : '0'], {
        env,
        cwd: dir,
        encoding: 'utf8',
      });
      rmSync(paths.site, { force: true });
      if (s.expect === 'invalid') {
        expect(pip.status, pip.stdout).not.toBe(0);
        expect(ours.invalid?.length).toBeGreaterThan(0);
        return;
      }
      expect(pip.status, pip.stderr).toBe(0);
      expect(ours.invalid).toEqual([]);
      const real = JSON.parse(pip.stdout) as Record<string, unknown>;
      for (const [field, value] of Object.entries(s.expect)) {
        expect(settingValue(ours, field), `ours: ${field}`).toEqual(value);
      }
      // Every field, also those the scenario does not name, agrees with pip.
      for (const field of Object.keys(PIP_DEFAULTS)) {
        const mine = settingValue(ours, field) ?? PIP_DEFAULTS[field];
        const dest =
          field === 'user'
            ? subcommand === 'install'
              ? 'use_user_site'
              : 'user'
            : FIELD_TO_DEST[field]!;
        let theirs = real[dest] ?? (field === 'requireVirtualenv' ? false : null);
        if (field === 'user' && theirs === false && subcommand !== 'install') theirs = null;
        expect(mine, `pip ${rig.pipVersion}: ${field}`).toEqual(theirs);
      }
    });
  },
);

describe('sources and file list', () => {
  test('each setting says where it came from', () => {
    const rig = { venv: tempDir() };
    const dir = tempDir();
    const home = join(dir, 'home');
    mkdirSync(join(home, '.config', 'pip'), { recursive: true });
    writeFileSync(join(home, '.config', 'pip', 'pip.conf'), '[install]\nuser = yes\n');
    writeFileSync(join(rig.venv, 'pip.conf'), '[global]\nbreak-system-packages = true\n');
    const env = hermeticEnv(home, {
      XDG_CONFIG_DIRS: join(dir, 'xdg'),
      PIP_CONFIG_FILE: undefined,
      PIP_REQUIRE_VIRTUALENV: 'yes',
    });
    const s = readPipSettings({
      env,
      cwd: dir,
      isolated: false,
      subcommand: 'install',
      sysPrefix: rig.venv,
      inVirtualenv: true,
      pipVersion: '24.2',
      pythonVersion: [3, 12],
    });
    expect(s.user).toEqual({
      value: true,
      source: { kind: 'file', where: join(home, '.config/pip/pip.conf'), section: 'install' },
    });
    expect(s.breakSystemPackages?.source).toEqual({
      kind: 'file',
      where: join(rig.venv, 'pip.conf'),
      section: 'global',
    });
    expect(s.requireVirtualenv?.source).toEqual({ kind: 'env', where: 'PIP_REQUIRE_VIRTUALENV' });
    expect(s.files).toEqual([
      { path: join(dir, 'xdg/pip/pip.conf'), variant: 'global', exists: false },
      { path: '/etc/pip.conf', variant: 'global', exists: true },
      { path: join(home, '.pip/pip.conf'), variant: 'user', exists: false },
      { path: join(home, '.config/pip/pip.conf'), variant: 'user', exists: true },
      { path: join(rig.venv, 'pip.conf'), variant: 'site', exists: true },
    ]);
  });

  test('XDG defaults: /etc/xdg and ~/.config when unset or blank', () => {
    const home = tempDir();
    const env = hermeticEnv(home, { PIP_CONFIG_FILE: undefined, XDG_CONFIG_HOME: ' ' });
    const s = readPipSettings({
      env,
      cwd: home,
      isolated: false,
      subcommand: 'install',
      sysPrefix: null,
      inVirtualenv: false,
      pipVersion: null,
      pythonVersion: null,
    });
    expect(s.files.map((f) => f.path)).toEqual([
      '/etc/xdg/pip/pip.conf',
      '/etc/pip.conf',
      join(home, '.pip/pip.conf'),
      join(home, '.config/pip/pip.conf'),
    ]);
  });

  test('pip < 19.2 reads <sys.prefix>/pip.conf only inside a virtualenv; newer pips always', () => {
    const home = tempDir();
    const env = hermeticEnv(home, { PIP_CONFIG_FILE: undefined });
    const base = {
      env,
      cwd: home,
      isolated: false,
      subcommand: 'install',
      sysPrefix: '/usr',
      inVirtualenv: false,
      pythonVersion: null,
    };
    const old = readPipSettings({ ...base, pipVersion: '18.1' });
    const cur = readPipSettings({ ...base, pipVersion: '19.2.3' });
    expect(old.files.some((f) => f.variant === 'site')).toBe(false);
    expect(cur.files.find((f) => f.variant === 'site')?.path).toBe('/usr/pip.conf');
  });

  test("Debian's pip 23.0.1 lists the same files (pip config debug)", () => {
    const home = tempDir();
    const env = hermeticEnv(home, { PIP_CONFIG_FILE: undefined });
    const out = execFileSync('/usr/bin/python3', ['-m', 'pip', 'config', 'debug'], {
      env,
      cwd: home,
      encoding: 'utf8',
    });
    const listed = [...out.matchAll(/^ {2}(\/\S+), exists: (True|False)$/gm)].map((m) => ({
      path: m[1],
      exists: m[2] === 'True',
    }));
    const s = readPipSettings({
      env,
      cwd: home,
      isolated: false,
      subcommand: 'config',
      sysPrefix: '/usr',
      inVirtualenv: false,
      pipVersion: '23.0.1',
      pythonVersion: [3, 11],
    });
    // `pip config debug` prints its own display order; precedence is tested above.
    const byPath = (a: { path?: string }, b: { path?: string }) =>
      (a.path ?? '').localeCompare(b.path ?? '');
    expect(s.files.map(({ path, exists }) => ({ path, exists })).sort(byPath)).toEqual(
      listed.sort(byPath),
    );
  });
});

describe("Python 2.7's ConfigParser dialect, checked against pip 19.2.3", () => {
  const PY2_SCENARIOS: Scenario[] = [
    {
      name: "' ;' starts an inline comment",
      files: { user: '[global]\nroot = /r ;comment\nprefix = /p;kept\n' },
      expect: { root: '/r', prefix: '/p;kept' },
    },
    {
      name: 'a duplicate key is allowed, the last one wins',
      files: { user: '[global]\nuser = yes\nuser = no\n' },
      expect: { user: false },
    },
    {
      name: 'an indented comment right after a header is a parse error',
      files: { user: '[global]\n  ; note = x\nuser = yes\n' },
      expect: 'invalid',
    },
    {
      name: 'any indented line continues a value',
      files: { user: '[global]\ntarget = /a\n /b\n' },
      expect: { target: '/a\n/b' },
    },
    {
      name: 'section order beats file order here too',
      files: { global: '[install]\nuser = yes\n', user: '[global]\nuser = no\n' },
      expect: { user: true },
    },
  ];
  test.each(PY2_SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const python = pyenvPython('2.7');
    if (python === null) throw new Error('pyenv Python 2.7 missing');
    const prefix = dirname(dirname(python));
    const { dir, env } = setUp(
      { venv: tempDir(), python, pipVersion: '19.2.3', pythonVersion: [2, 7] },
      s,
    );
    const ours = readPipSettings({
      env,
      cwd: dir,
      isolated: false,
      subcommand: 'install',
      sysPrefix: prefix,
      inVirtualenv: false,
      pipVersion: '19.2.3',
      pythonVersion: [2, 7],
    });
    const pip = spawnSync(python, ['-c', ORACLE, 'install', '0'], {
      env,
      cwd: dir,
      encoding: 'utf8',
    });
    if (s.expect === 'invalid') {
      expect(pip.status, pip.stdout).not.toBe(0);
      expect(ours.invalid?.length).toBeGreaterThan(0);
      return;
    }
    expect(pip.status, pip.stderr).toBe(0);
    const real = JSON.parse(pip.stdout) as Record<string, unknown>;
    for (const [field, value] of Object.entries(s.expect)) {
      expect(settingValue(ours, field), `ours: ${field}`).toEqual(value);
      const dest = field === 'user' ? 'use_user_site' : FIELD_TO_DEST[field]!;
      expect(real[dest] ?? null, `pip: ${field}`).toEqual(value);
    }
  });
});

describe('which keys apply comes from the parser tables (pipTables)', () => {
  const read = (
    subcommand: string | null,
    pipVersion: string | null,
    vars: Record<string, string>,
  ) =>
    readPipSettings({
      env: hermeticEnv(tempDir(), vars),
      cwd: tempDir(),
      isolated: false,
      subcommand,
      sysPrefix: null,
      inVirtualenv: false,
      pipVersion,
      pythonVersion: null,
    });

  test('a key applies from the pip release whose parser has the option', () => {
    // --python arrived in 22.3, --break-system-packages in 23.0.1 (pip-options.ts, pip-commands.ts).
    expect(read(null, '22.2', { PIP_PYTHON: '/py' }).python).toBeNull();
    expect(read(null, '22.3', { PIP_PYTHON: '/py' }).python?.value).toBe('/py');
    const bsp = { PIP_BREAK_SYSTEM_PACKAGES: '1' };
    expect(read('install', '23.0', bsp).breakSystemPackages).toBeNull();
    expect(read('install', '23.0.1', bsp).breakSystemPackages?.value).toBe(true);
  });

  test("a key applies to the subcommands whose parser has it, pip's main parser included", () => {
    const vars = { PIP_BREAK_SYSTEM_PACKAGES: '1', PIP_INDEX_URL: 'http://x/' };
    // `pip lock` (25.1) has the index group; it is unknown to 24.2, whose
    // general options leave index-url out.
    expect(read('lock', '25.1', vars).indexUrl?.value).toBe('http://x/');
    expect(read('lock', '24.2', vars).indexUrl ?? null).toBeNull();
    // break-system-packages is install's and uninstall's option, not a general one.
    expect(read('uninstall', '24.2', vars).breakSystemPackages?.value).toBe(true);
    expect(read('download', '24.2', vars).breakSystemPackages).toBeNull();
    expect(read(null, '24.2', vars).breakSystemPackages).toBeNull();
  });

  test('every spelling of an option is a key: aliases come from the tables too', () => {
    expect(read('install', null, { PIP_REQUIRE_VENV: '1' }).requireVirtualenv?.value).toBe(true);
    expect(read('install', null, { PIP_PYPI_URL: 'http://y/' }).indexUrl?.value).toBe('http://y/');
    expect(read('install', null, { PIP_BUILD_DIR: '/b' }).target).toBeNull();
  });
});
