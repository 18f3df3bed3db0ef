import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipwardenError } from '../../src/core/errors.js';
import {
  assertNoConfigErrors,
  configLocations,
  type LoadConfigOptions,
  loadConfig,
} from '../../src/io/config/load-config.js';
import { tempDir } from '../helpers/tmp.js';

/** A sandbox: home, an org dir, and a project under home. Nothing outside it is read. */
function sandbox() {
  const root = tempDir('pipwarden-config-');
  const home = join(root, 'home');
  const org = join(root, 'etc-pipwarden');
  const project = join(home, 'src', 'proj');
  mkdirSync(project, { recursive: true });
  mkdirSync(org, { recursive: true });
  const write = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const options = (cwd = project, env: Record<string, string> = {}): LoadConfigOptions => ({
    cwd,
    home,
    env: { HOME: home, PIPWARDEN_ORG_CONFIG_DIR: org, ...env },
    platform: 'linux',
  });
  return { root, home, org, project, user: join(home, '.config', 'pipwarden'), write, options };
}

describe('loadConfig: formats', () => {
  const formats: [string, string][] = [
    ['config.json', '{ "onNotWritable": "venv" }'],
    ['config.yaml', 'onNotWritable: venv\n'],
    ['config.yml', 'onNotWritable: venv\n'],
    ['config.toml', 'onNotWritable = "venv"\n'],
  ];
  it.each(formats)('org and user dirs read %s', async (name, text) => {
    for (const level of ['org', 'user'] as const) {
      const s = sandbox();
      const file = s.write(join(level === 'org' ? s.org : s.user, name), text);
      const { resolved, warnings, errors } = await loadConfig(s.options());
      expect({ warnings, errors }).toEqual({ warnings: [], errors: [] });
      expect(resolved.config.onNotWritable.action).toBe('venv');
      expect(resolved.sources.onNotWritable).toEqual({ level, file });
    }
  });

  const projectFormats: [string, string][] = [
    ['.pipwardenrc', 'onNoEnv: venv\n'],
    ['.pipwardenrc', '{ "onNoEnv": "venv" }'],
    ['.pipwardenrc.json', '{ "onNoEnv": "venv" }'],
    ['.pipwardenrc.yaml', 'onNoEnv: venv\n'],
    ['.pipwardenrc.yml', 'onNoEnv: { action: venv }\n'],
    ['.pipwardenrc.toml', 'onNoEnv = "venv"\n'],
    ['pipwarden.config.json', '{ "onNoEnv": { "action": "venv" } }'],
    ['pipwarden.config.yaml', 'onNoEnv: venv\n'],
    ['pipwarden.config.yml', 'onNoEnv: venv\n'],
    ['pipwarden.config.toml', '[onNoEnv]\naction = "venv"\n'],
    ['pyproject.toml', '[project]\nname = "x"\n\n[tool.pipwarden]\nonNoEnv = "venv"\n'],
    ['pyproject.toml', '[tool.pipwarden.onNoEnv]\naction = "venv"\nmessage = "hi"\n'],
  ];
  it.each(projectFormats)('project reads %s: %s', async (name, text) => {
    const s = sandbox();
    const file = s.write(join(s.project, name), text);
    const { resolved, warnings, errors } = await loadConfig(s.options());
    expect({ warnings, errors }).toEqual({ warnings: [], errors: [] });
    expect(resolved.config.onNoEnv.action).toBe('venv');
    expect(resolved.sources.onNoEnv).toEqual({ level: 'project', file });
  });

  it('takes the first name in search order when a directory has several', async () => {
    const s = sandbox();
    const rc = s.write(join(s.project, '.pipwardenrc.yaml'), 'notices: false\n');
    s.write(join(s.project, 'pyproject.toml'), '[tool.pipwarden]\nnotices = true\n');
    const { resolved } = await loadConfig(s.options());
    expect(resolved.sources.notices?.file).toBe(rc);
  });

  it('skips an empty file and keeps searching', async () => {
    const s = sandbox();
    s.write(join(s.project, '.pipwardenrc.yaml'), '# nothing yet\n');
    const parent = s.write(join(s.home, 'src', '.pipwardenrc.yaml'), 'notices: false\n');
    const { resolved, errors } = await loadConfig(s.options());
    expect(errors).toEqual([]);
    expect(resolved.sources.notices?.file).toBe(parent);
  });
});

describe('loadConfig: pyproject.toml and the upward search', () => {
  it('passes over a pyproject.toml without [tool.pipwarden]', async () => {
    const s = sandbox();
    s.write(
      join(s.project, 'pyproject.toml'),
      '[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n',
    );
    const parent = s.write(
      join(s.home, 'src', 'pyproject.toml'),
      '[tool.pipwarden]\nnotices = false\n',
    );
    const { resolved, errors } = await loadConfig(s.options());
    expect(errors).toEqual([]);
    expect(resolved.sources.notices).toEqual({ level: 'project', file: parent });
  });

  it('finds the nearest config from a subdirectory', async () => {
    const s = sandbox();
    s.write(join(s.home, '.pipwardenrc.yaml'), 'notices: true\ncondaBase: true\n');
    const near = s.write(join(s.project, '.pipwardenrc.yaml'), 'notices: false\n');
    const { resolved } = await loadConfig(s.options(join(s.project, 'a', 'b')));
    expect(resolved.sources.notices?.file).toBe(near);
    // One project file only: the farther one is not merged in.
    expect(resolved.config.condaBase).toBe(false);
  });

  it('searches home itself but not above it', async () => {
    const s = sandbox();
    const inHome = s.write(join(s.home, '.pipwardenrc.yaml'), 'notices: false\n');
    expect((await loadConfig(s.options())).resolved.sources.notices?.file).toBe(inHome);

    const t = sandbox();
    t.write(join(t.root, '.pipwardenrc.yaml'), 'notices: false\n');
    const { resolved } = await loadConfig(t.options());
    expect(resolved.sources.notices?.level).toBe('default');
  });

  it('outside home, searches up towards /', async () => {
    const s = sandbox();
    const file = s.write(join(s.root, 'work', '.pipwardenrc.yaml'), 'notices: false\n');
    const cwd = join(s.root, 'work', 'a', 'b');
    mkdirSync(cwd, { recursive: true });
    expect((await loadConfig(s.options(cwd))).resolved.sources.notices?.file).toBe(file);
    expect(configLocations(s.options(cwd)).project.at(-1)).toBe('/');
  });
});

describe('loadConfig: layers', () => {
  it('merges org → user → project and records each source', async () => {
    const s = sandbox();
    const org = s.write(
      join(s.org, 'config.yaml'),
      'onNoEnv: { action: refuse, message: "Use a venv: see the wiki" }\nonNotWritable: refuse\nvenv: { python: python3.12 }\n',
    );
    const user = s.write(join(s.user, 'config.toml'), 'notices = false\n[venv]\npath = ".env"\n');
    const project = s.write(
      join(s.project, 'pyproject.toml'),
      '[tool.pipwarden]\nnotices = true\n',
    );
    const { resolved, warnings, errors } = await loadConfig(s.options());
    expect({ warnings, errors }).toEqual({ warnings: [], errors: [] });
    expect(resolved.config).toMatchObject({
      onNoEnv: { action: 'refuse', message: 'Use a venv: see the wiki' },
      onNotWritable: { action: 'refuse', message: null },
      notices: true,
      venv: { path: '.env', create: true, python: 'python3.12' },
    });
    expect(resolved.sources).toMatchObject({
      onNoEnv: { level: 'org', file: org },
      onNotWritable: { level: 'org', file: org },
      'venv.python': { level: 'org', file: org },
      'venv.path': { level: 'user', file: user },
      notices: { level: 'project', file: project },
      'venv.create': { level: 'default', file: '(default)' },
      onSudo: { level: 'default', file: '(default)' },
    });
    expect(resolved.layers.map((l) => l.level)).toEqual(['org', 'user', 'project']);
  });

  it('reads the org dir from PIPWARDEN_ORG_CONFIG_DIR, else /etc/pipwarden', () => {
    const s = sandbox();
    expect(configLocations(s.options()).org).toBe(s.org);
    expect(configLocations({ ...s.options(), env: {} }).org).toBe('/etc/pipwarden');
  });

  it('reads the user dir from XDG_CONFIG_HOME, else ~/.config', async () => {
    const s = sandbox();
    const xdg = join(s.root, 'xdg');
    const file = s.write(join(xdg, 'pipwarden', 'config.yaml'), 'condaBase: true\n');
    const { resolved } = await loadConfig(s.options(s.project, { XDG_CONFIG_HOME: xdg }));
    expect(resolved.sources.condaBase).toEqual({ level: 'user', file });

    expect(configLocations(s.options()).user).toBe(join(s.home, '.config', 'pipwarden'));
    // A relative XDG_CONFIG_HOME is invalid per the XDG spec, and ignored.
    const relative = configLocations(s.options(s.project, { XDG_CONFIG_HOME: 'cfg' }));
    expect(relative.user).toBe(join(s.home, '.config', 'pipwarden'));
    expect(configLocations({ ...s.options(), platform: 'darwin' }).user).toBe(
      join(s.home, 'Library', 'Preferences', 'pipwarden'),
    );
  });

  it('with no files anywhere gives the defaults', async () => {
    const s = sandbox();
    const { resolved, warnings, errors } = await loadConfig(s.options());
    expect({ warnings, errors, layers: resolved.layers }).toEqual({
      warnings: [],
      errors: [],
      layers: [],
    });
    expect(resolved.config.onNotWritable.action).toBe('user');
  });
});

describe('loadConfig: problems', () => {
  const syntax: [string, string, RegExp][] = [
    [
      'config.yaml',
      'onNoEnv: venv\n  notices: false\n',
      /^~\/\.config\/pipwarden\/config\.yaml: line 2, column \d+: invalid YAML: bad indentation of a mapping entry; fix the syntax, or move the file aside to go without it$/,
    ],
    [
      'config.toml',
      'notices = \n',
      /^~\/\.config\/pipwarden\/config\.toml: line 1, column \d+: invalid TOML: .+; fix the syntax/,
    ],
    [
      'config.json',
      '{\n  "notices": false,\n}\n',
      /^~\/\.config\/pipwarden\/config\.json: line 3, column 1: invalid JSON: .+; fix the syntax/,
    ],
  ];
  it.each(syntax)(
    'a %s that does not parse is an error naming file and line',
    async (name, text, expected) => {
      const s = sandbox();
      s.write(join(s.user, name), text);
      const { errors } = await loadConfig(s.options());
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(expected);
    },
  );

  it('an invalid pyproject.toml with [tool.pipwarden] is an error', async () => {
    const s = sandbox();
    s.write(join(s.project, 'pyproject.toml'), '[tool.pipwarden]\nnotices = = false\n');
    const { errors } = await loadConfig(s.options());
    expect(errors).toEqual([
      expect.stringMatching(/^~\/src\/proj\/pyproject\.toml: line 2, column \d+: invalid TOML: /),
    ]);
  });

  it('passes over an invalid pyproject.toml that never mentions pipwarden (pip reports it)', async () => {
    const s = sandbox();
    s.write(join(s.project, 'pyproject.toml'), '[project\nname = "x"\n');
    const parent = s.write(join(s.home, 'src', '.pipwardenrc.yaml'), 'notices: false\n');
    const { resolved, warnings, errors } = await loadConfig(s.options());
    expect({ warnings, errors }).toEqual({ warnings: [], errors: [] });
    expect(resolved.sources.notices?.file).toBe(parent);
  });

  it('bad values are errors, unknown keys warnings; the valid rest still merges', async () => {
    const s = sandbox();
    s.write(
      join(s.user, 'config.yaml'),
      'onNotWritable: usr\nonNotWriteable: user\nnotices: false\n',
    );
    const { resolved, warnings, errors } = await loadConfig(s.options());
    expect(errors).toEqual([
      '~/.config/pipwarden/config.yaml: onNotWritable: expected one of user|pip|venv|refuse|prompt, got "usr" (did you mean "user"?)',
    ]);
    expect(warnings).toEqual([
      '~/.config/pipwarden/config.yaml: onNotWriteable: unknown key, ignored (did you mean onNotWritable?)',
    ]);
    expect(resolved.config.notices).toBe(false);
    expect(resolved.sources.onNotWritable?.level).toBe('default');
  });

  it('a list at the top level is one error naming the file', async () => {
    const s = sandbox();
    s.write(join(s.project, '.pipwardenrc'), '- onNoEnv: venv\n');
    const { errors } = await loadConfig(s.options());
    expect(errors).toEqual([
      '~/src/proj/.pipwardenrc: expected a mapping of settings such as "onNoEnv: venv", got a list',
    ]);
  });

  it('ignores a JS or TS config with a warning, and never runs an untrusted one', async () => {
    const s = sandbox();
    const marker = join(s.root, 'ran');
    const code = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = { onNoEnv: 'refuse' };\n`;
    s.write(join(s.project, '.pipwardenrc.cjs'), code);
    s.write(join(s.project, 'pipwarden.config.mjs'), `export default { onNoEnv: 'refuse' };\n`);
    s.write(join(s.user, 'config.js'), code);
    const yaml = s.write(join(s.project, '.pipwardenrc.yaml'), 'notices: false\n');
    const { resolved, warnings, errors } = await loadConfig(s.options());
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      '~/.config/pipwarden/config.js: ignored: pipwarden reads only data files (JSON, YAML, TOML), never runs code from config; move the settings to config.yaml',
      '~/src/proj/.pipwardenrc.cjs: not trusted, so not run; if you wrote it or checked it, run: pipwarden trust ~/src/proj/.pipwardenrc.cjs',
      '~/src/proj/pipwarden.config.mjs: not trusted, so not run; if you wrote it or checked it, run: pipwarden trust ~/src/proj/pipwarden.config.mjs',
    ]);
    expect(existsSync(marker)).toBe(false);
    expect(resolved.config.onNoEnv.action).toBe('pip');
    expect(resolved.sources.notices?.file).toBe(yaml);
  });

  it('does not follow $import', async () => {
    const s = sandbox();
    s.write(join(s.user, 'base.yaml'), 'condaBase: true\n');
    s.write(join(s.user, 'config.yaml'), '$import: base.yaml\nnotices: false\n');
    const { resolved, warnings } = await loadConfig(s.options());
    expect(warnings).toEqual(['~/.config/pipwarden/config.yaml: $import: not supported, ignored']);
    expect(resolved.config).toMatchObject({ condaBase: false, notices: false });
  });
});

describe('assertNoConfigErrors', () => {
  it('passes when there are none', () => {
    expect(() => assertNoConfigErrors({ errors: [] })).not.toThrow();
  });

  it('throws a config error (exit 78) with the first problem and a count', () => {
    let caught: unknown;
    try {
      assertNoConfigErrors({ errors: ['a: onNoEnv: bad', 'b: notices: bad'] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PipwardenError);
    const e = caught as PipwardenError;
    expect([e.kind, e.exitCode, e.message]).toEqual(['config', 78, 'a: onNoEnv: bad (and 1 more)']);
    expect(e.hint).toContain('pipwarden config');
  });
});
