import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { giveToNobody, openForNobody, pipwarden } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { needs } from '../helpers/prereq.js';
import { tempDir } from '../helpers/tmp.js';

const notRoot = needs('root', process.getuid?.() === 0);

// Malformed configs: each gives one clear line naming the file (and key),
// exit 78, and never a stack trace, both from `config validate FILE` (org CI)
// and when the file is the user's config in front of a real pip call.
type Entry = [name: string, file: string, content: string | 'DIR', expected: RegExp];
const CORPUS: Entry[] = [
  [
    'bad YAML',
    'config.yaml',
    'onNoEnv: [refuse\n',
    /config\.yaml: line \d+, column \d+: invalid YAML: /,
  ],
  [
    'bad JSON',
    'config.json',
    '{ "onNoEnv": "venv", }\n',
    /config\.json: line 1, column \d+: invalid JSON: /,
  ],
  [
    'bad TOML',
    'config.toml',
    'onNoEnv = venv\n',
    /config\.toml: line 1, column \d+: invalid TOML: /,
  ],
  [
    'wrong type',
    'config.yaml',
    'notices: "yes"\n',
    /config\.yaml: notices: expected true or false, got "yes"$/,
  ],
  [
    'unknown action',
    'config.yaml',
    'onNoEnv: usr\n',
    /config\.yaml: onNoEnv: expected one of pip\|venv\|refuse\|prompt, got "usr"/,
  ],
  [
    'unknown rule action',
    'config.yaml',
    'rules: [{ action: allow }]\n',
    /config\.yaml: rules\[0\]\.action: expected one of pass\|user\|env\|venv\|refuse, got "allow"$/,
  ],
  [
    'unknown condition',
    'config.yaml',
    'rules: [{ when: { cwdd: /srv }, action: pass }]\n',
    /config\.yaml: rules\[0\]\.when\.cwdd: unknown key \(did you mean cwd\?\)$/,
  ],
  [
    'invalid glob',
    'config.yaml',
    'rules: [{ when: { cwd: "/srv/[ab" }, action: pass }]\n',
    /config\.yaml: rules\[0\]\.when\.cwd: "\/srv\/\[ab": invalid glob: unclosed "\["/,
  ],
  [
    'unknown lock entry',
    'config.yaml',
    'lock: [onNoEnvv]\n',
    /config\.yaml: lock\[0\]: expected a key or section to lock, got "onNoEnvv" \(did you mean "onNoEnv"\?\)$/,
  ],
  [
    'unknown preset',
    'config.yaml',
    'presets: [venv-onl]\n',
    /config\.yaml: presets\[0\]: expected one of .*, got "venv-onl" \(did you mean "venv-only"\?\)$/,
  ],
  [
    'a list, not a mapping',
    'config.yaml',
    '- onNoEnv\n',
    /config\.yaml: expected a mapping of settings/,
  ],
  ['a directory', 'config.yaml', 'DIR', /config\.yaml: (is a directory|cannot read it)/],
];

function setup(name: string, content: string | 'DIR') {
  const root = tempDir('pipwarden-corpus-');
  const home = join(root, 'home');
  const dir = join(home, '.config', 'pipwarden');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  if (content === 'DIR') mkdirSync(file);
  else writeFileSync(file, content);
  const env = hermeticEnv(home, { PIPWARDEN_ORG_CONFIG_DIR: join(root, 'org') });
  return { root, home, file, env };
}

function expectOneLine(stderr: string, expected: RegExp) {
  const errors = stderr.split('\n').filter((l) => l.startsWith('pipwarden: error: '));
  expect(errors, stderr).toHaveLength(1);
  expect(errors[0]).toMatch(expected);
  expect(stderr).not.toMatch(/\n\s+at |internal error/);
  expect(stderr).toMatch(/\npipwarden: next: /);
}

describe('malformed configs', () => {
  it.each(CORPUS)('%s: config validate FILE → one line, exit 78', (_n, name, content, expected) => {
    const s = setup(name, content);
    const r = pipwarden(['config', 'validate', s.file], { env: s.env });
    expect(r.status, r.stderr).toBe(78);
    expectOneLine(r.stderr, expected);
    expect(r.stdout).toBe('');
  });

  it.each(CORPUS)(
    '%s: as the user config, an install does not run (exit 78)',
    (_n, name, content, expected) => {
      const s = setup(name, content);
      // Read-only calls never read config (triage comes first); an install does.
      const r = pipwarden(['run', '--', 'python3', '-m', 'pip', 'install', 'pwdemo'], {
        env: s.env,
      });
      expect(r.status, r.stderr).toBe(78);
      expectOneLine(r.stderr, expected);
      expect(r.stdout).toBe('');
    },
  );

  it('an empty file is fine: it sets nothing', () => {
    const s = setup('config.yaml', '');
    const r = pipwarden(['config', 'validate', s.file], { env: s.env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`ok: ~/.config/pipwarden/config.yaml\n`);
  });

  it('a missing file, and a JS file, are one line each', () => {
    const s = setup('config.yaml', 'notices: true\n');
    let r = pipwarden(['config', 'validate', join(s.root, 'nope.yaml')], { env: s.env });
    expect(r.status).toBe(78);
    expectOneLine(r.stderr, /nope\.yaml: cannot read it: no such file$/);
    r = pipwarden(['config', 'validate', join(s.root, 'x.js')], { env: s.env });
    expect(r.status).toBe(78);
    expectOneLine(r.stderr, /x\.js: pipwarden reads data files only/);
  });

  it('unknown keys are warnings; --strict makes them fail', () => {
    const s = setup('config.yaml', 'onNoEnvv: venv\n');
    let r = pipwarden(['config', 'validate', s.file], { env: s.env });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('onNoEnvv: unknown key, ignored (did you mean onNoEnv?)');
    r = pipwarden(['config', 'validate', '--strict', s.file], { env: s.env });
    expect(r.status).toBe(78);
  });

  it.skipIf(notRoot)('an unreadable file is one line, as nobody', () => {
    const s = setup('config.yaml', 'notices: true\n');
    openForNobody(s.root);
    giveToNobody(s.home);
    chmodSync(s.file, 0o000);
    let r = pipwarden(['config', 'validate', s.file], { env: s.env, asNobody: true });
    expect(r.status).toBe(78);
    expectOneLine(r.stderr, /config\.yaml: cannot read it: permission denied$/);
    r = pipwarden(['run', '--', 'python3', '-m', 'pip', 'install', 'pwdemo'], {
      env: s.env,
      asNobody: true,
    });
    expect(r.status).toBe(78);
    expectOneLine(r.stderr, /config\.yaml: cannot read it \(permission denied\)/);
  });
});
