import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWith, world } from '../engine/fixtures.js';
import { MAIN, pipwarden } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { canUnshare, inPrivateEtc, staged } from '../helpers/private-etc.js';
import { pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';

const noUnshare = needs('root and unshare (a private /etc)', canUnshare);

// Org locks through the built CLI and real pip: the org says onNoEnv: refuse
// and locks it (and PIPWARDEN_DISABLE); every higher layer tries to loosen it.
const ORG = 'onNoEnv: refuse\nnotices: true\nlock: [onNoEnv, disable]\n';
const py = pyenvPython('3.12');
const noPy = needs('pyenv Python 3.12', py);

function setup(org = ORG) {
  const w = world();
  const orgDir = join(w.root, 'etc-pipwarden');
  mkdirSync(orgDir, { recursive: true });
  const orgFile = join(orgDir, 'config.yaml');
  writeFileSync(orgFile, org);
  const project = join(w.home, 'proj');
  mkdirSync(project, { recursive: true });
  return { w, orgFile, project };
}

describe.skipIf(noPy)('org locks', () => {
  const python = py as string;
  // pyenv's 3.12 outside any venv: the onNoEnv situation. It is refused
  // before pip runs, so the machine's interpreter is never touched.
  const cases: [
    string,
    (s: ReturnType<typeof setup>) => { env?: Record<string, string>; args?: string[] },
  ][] = [
    [
      'user config',
      (s) => {
        mkdirSync(join(s.w.home, '.config', 'pipwarden'), { recursive: true });
        writeFileSync(join(s.w.home, '.config', 'pipwarden', 'config.yaml'), 'onNoEnv: pip\n');
        return {};
      },
    ],
    [
      'project config',
      (s) => {
        writeFileSync(join(s.project, 'pyproject.toml'), '[tool.pipwarden]\nonNoEnv = "pip"\n');
        return {};
      },
    ],
    ['PIPWARDEN_ON_NO_ENV', () => ({ env: { PIPWARDEN_ON_NO_ENV: 'pip' } })],
    ['--set flag', () => ({ args: ['--set', 'onNoEnv=pip'] })],
    ['PIPWARDEN_DISABLE', () => ({ env: { PIPWARDEN_DISABLE: '1' } })],
  ];
  for (const [name, loosen] of cases) {
    it(`${name} cannot loosen a locked onNoEnv`, () => {
      const s = setup();
      const { env = {}, args = [] } = loosen(s);
      const r = pipwarden(['run', ...args, '--', python, '-m', 'pip', ...s.w.installArgs], {
        env: s.w.env({ PATH: pathWith(), ...env }),
        cwd: s.project,
      });
      expect(r.status, r.stderr).toBe(77);
      expect(r.stderr).toContain(`locked by ${s.orgFile}`);
      expect(r.stderr).toMatch(/refused: .* is not in a venv, conda or pixi env/);
    });
  }

  it('without the lock, the user layer does win (the control case)', () => {
    const s = setup('onNoEnv: refuse\n');
    const r = pipwarden(
      ['explain', '--json', '--set', 'onNoEnv=pip', '--', python, '-m', 'pip', ...s.w.installArgs],
      {
        env: s.w.env({ PATH: pathWith() }),
        cwd: s.project,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).action).toBe('pass');
  });

  it('an unlocked key stays free beside a locked one; venvs still install', () => {
    const s = setup();
    const venv = makeVenv(python, join(s.w.root, 'venv'));
    const r = pipwarden(['run', '--', 'pip', ...s.w.installArgs], {
      env: s.w.env({ PATH: pathWith(join(venv, 'bin')), PIPWARDEN_NOTICES: '0' }),
      cwd: s.project,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('locked');
    expect(installedIn(venv, 'pwdemo')).toBe(true);
  });

  it('config --json shows the source and the lock of each value', () => {
    const s = setup();
    const r = pipwarden(['config', '--json'], {
      env: s.w.env({ PIPWARDEN_NOTICES: 'false' }),
      cwd: s.project,
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.locks).toEqual({ onNoEnv: s.orgFile, disable: s.orgFile });
    expect(out.sources.notices).toEqual({ level: 'env', file: '$PIPWARDEN_NOTICES' });
    expect(out.config.notices).toBe(false);
  });
});

describe('a broken org file fails closed', () => {
  it('refuses installs with one line naming the file, runs read-only pip', () => {
    const s = setup('onNoEnv: [refuse\n');
    const env = s.w.env({ PATH: pathWith() });
    const install = pipwarden(['run', '--', 'python3', '-m', 'pip', ...s.w.installArgs], {
      env,
      cwd: s.project,
    });
    expect(install.status).toBe(78);
    const lines = install.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^pipwarden: error: ${s.orgFile}: line \\d+.*invalid YAML.*installs are refused`),
    );
    expect(install.stderr).not.toMatch(/\n\s+at /);
    // PIPWARDEN_DISABLE does not get past it either.
    const off = pipwarden(['run', '--', 'python3', '-m', 'pip', ...s.w.installArgs], {
      env: { ...env, PIPWARDEN_DISABLE: '1' },
      cwd: s.project,
    });
    expect(off.status).toBe(78);
    for (const readOnly of [['--version'], ['list'], ['show', 'pip'], ['freeze']]) {
      const r = pipwarden(['run', '--', 'python3', '-m', 'pip', ...readOnly], {
        env,
        cwd: s.project,
      });
      expect(r.status, `${readOnly}: ${r.stderr}`).toBe(0);
    }
  });

  it('a broken user file stops an install, naming file and key (exit 78)', () => {
    const s = setup('onNoEnv: refuse\n');
    mkdirSync(join(s.w.home, '.config', 'pipwarden'), { recursive: true });
    const user = join(s.w.home, '.config', 'pipwarden', 'config.yaml');
    writeFileSync(user, 'onNoEnv: usr\n');
    const r = pipwarden(['run', '--', 'python3', '-m', 'pip', 'install', 'pwdemo'], {
      env: s.w.env(),
      cwd: s.project,
    });
    expect(r.status).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('~/.config/pipwarden/config.yaml: onNoEnv: expected one of');
  });
});

describe.skipIf(noUnshare)('the test override of the org dir', () => {
  it('is ignored once the machine has /etc/pipwarden, so it cannot escape it', () => {
    const s = setup('onNoEnv: pip\nnotices: false\n');
    const stage = join(s.w.root, 'stage');
    // /etc/pipwarden exists only inside this private mount namespace.
    const script =
      'mkdir -p /etc/pipwarden && printf "onNoEnv: refuse\\n" > /etc/pipwarden/config.yaml && exec "$@"';
    const r = inPrivateEtc(
      stage,
      ['sh', '-c', script, 'sh', process.execPath, MAIN, 'config', '--json'],
      {
        env: s.w.env(),
        cwd: s.project,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.config.onNoEnv.action).toBe('refuse');
    expect(out.sources.onNoEnv.file).toBe('/etc/pipwarden/config.yaml');
    expect(out.config.notices).toBe(true);
    expect(r.stderr).toMatch(
      /PIPWARDEN_ORG_CONFIG_DIR=.*: ignored, \/etc\/pipwarden is this machine's org config/,
    );
    expect(existsSync('/etc/pipwarden')).toBe(false);
    expect(existsSync(staged(stage, '/etc', 'pipwarden/config.yaml'))).toBe(true);
  });
});
