import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { giveToNobody, openForNobody, pipwarden } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { needs } from '../helpers/prereq.js';
import { tempDir } from '../helpers/tmp.js';

// `pipwarden config` through the built CLI (npm test builds first), in a
// hermetic env: its own HOME, XDG_CONFIG_HOME under it, and an org dir in
// the temp dir, never the machine's /etc/pipwarden.
function world() {
  const root = tempDir('pipwarden-cli-config-');
  const home = join(root, 'home');
  const org = join(root, 'org');
  const project = join(home, 'proj');
  mkdirSync(project, { recursive: true });
  mkdirSync(org);
  const env = hermeticEnv(home, { PIPWARDEN_ORG_CONFIG_DIR: org });
  const write = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const run = (args: string[], asNobody = false) =>
    pipwarden(['config', ...args], { env, cwd: project, asNobody });
  return { root, home, org, project, user: join(home, '.config', 'pipwarden'), write, run };
}

describe('pipwarden config', () => {
  it('--json prints the merged config with every source', () => {
    const w = world();
    const org = w.write(
      join(w.org, 'config.yaml'),
      'onNoEnv: { action: refuse, message: "venvs only" }\n',
    );
    const user = w.write(join(w.user, 'config.toml'), 'notices = false\n');
    const project = w.write(
      join(w.project, 'pyproject.toml'),
      '[tool.pipwarden.venv]\npath = "env"\n',
    );
    const r = w.run(['--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.config).toMatchObject({
      onNoEnv: { action: 'refuse', message: 'venvs only' },
      notices: false,
      venv: { path: 'env', create: true, python: null },
    });
    expect(out.sources).toMatchObject({
      onNoEnv: { level: 'org', file: org },
      notices: { level: 'user', file: user },
      'venv.path': { level: 'project', file: project },
      onSudo: { level: 'default', file: '(default)' },
    });
    expect(out.searched).toMatchObject({ org: w.org, user: w.user });
    expect(out.searched.project[0]).toBe(w.project);
  });

  it('prints a table with sources, paths under HOME as ~', () => {
    const w = world();
    w.write(join(w.project, '.pipwardenrc.yaml'), 'onNotWritable: venv\n');
    const r = w.run([]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^onNotWritable +venv +project: ~\/proj\/\.pipwardenrc\.yaml$/m);
    expect(r.stdout).toMatch(/^onSudo +pip +\(default\)$/m);
    expect(r.stdout).toMatch(/^ {2}user +\(none in ~\/\.config\/pipwarden\)$/m);
  });

  it('sends warnings to stderr and keeps stdout parseable', () => {
    const w = world();
    w.write(join(w.user, 'config.yaml'), 'notice: false\n');
    const r = w.run(['--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'pipwarden: warning: ~/.config/pipwarden/config.yaml: notice: unknown key, ignored (did you mean notices?)\n',
    );
    expect(JSON.parse(r.stdout).config.notices).toBe(true);
  });

  it('exits 78 and lists every error, with nothing on stdout', () => {
    const w = world();
    w.write(join(w.org, 'config.json'), '{ "onSudo": "venv" }');
    w.write(join(w.project, '.pipwardenrc'), 'onNotWritable: usr\n');
    const r = w.run(['--json']);
    expect(r.status).toBe(78);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      `pipwarden: error: ${w.org}/config.json: onSudo: expected one of pip|refuse, got "venv" (venv does not apply to onSudo)`,
      'pipwarden: error: ~/proj/.pipwardenrc: onNotWritable: expected one of user|pip|venv|refuse|prompt, got "usr" (did you mean "user"?)',
      expect.stringMatching(/^pipwarden: next: fix the files named above/),
    ]);
  });

  it('reports a YAML syntax error with file and line, exit 78', () => {
    const w = world();
    w.write(join(w.user, 'config.yaml'), 'onNoEnv: venv\n  notices: false\n');
    const r = w.run([]);
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(
      /^pipwarden: error: ~\/\.config\/pipwarden\/config\.yaml: line 2, column \d+: invalid YAML: /,
    );
  });

  // Guards the reason load-config-explorer.ts bypasses cosmiconfig(): its
  // meta-config search in the working directory would run .config/config.js,
  // choke on a broken package.json, and obey a "cosmiconfig" key.
  it('ignores cosmiconfig meta config in the working directory', () => {
    const w = world();
    const marker = join(w.root, 'ran');
    w.write(
      join(w.project, '.config', 'config.js'),
      `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x');\n`,
    );
    w.write(join(w.project, 'package.json'), '{ "cosmiconfig": { "searchPlaces": [');
    w.write(join(w.project, '.pipwardenrc.yaml'), 'condaBase: true\n');
    const r = w.run(['--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).config.condaBase).toBe(true);
    expect(existsSync(marker)).toBe(false);
  });

  it('rejects unknown options and arguments (exit 64)', () => {
    const w = world();
    expect(w.run(['--jsn']).status).toBe(64);
    expect(w.run(['show']).status).toBe(64);
  });

  // Root reads everything, so this needs the unprivileged user.
  it.skipIf(needs('root', process.getuid?.() === 0))(
    'an org file or dir that cannot be read is an error (fail closed)',
    () => {
      const w = world();
      openForNobody(w.root, w.org);
      giveToNobody(w.home);
      const file = w.write(join(w.org, 'config.yaml'), 'onNoEnv: refuse\n');
      chmodSync(file, 0o600);
      let r = w.run(['--json'], true);
      expect(r.status, r.stderr).toBe(78);
      expect(r.stderr.split('\n')[0]).toBe(
        `pipwarden: error: ${file}: cannot read it (permission denied); make it readable (e.g. chmod a+r)`,
      );
      expect(r.stdout).toBe('');

      chmodSync(file, 0o644);
      chmodSync(w.org, 0o700);
      r = w.run(['--json'], true);
      expect(r.status).toBe(78);
      expect(r.stderr).toMatch(/^pipwarden: error: .*\/org: cannot read it \(permission denied\)/);
    },
  );
});
