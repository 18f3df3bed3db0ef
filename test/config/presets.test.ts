import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markConda, pathWith, world } from '../engine/fixtures.js';
import { giveToNobody, openForNobody, pipwarden } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON, pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';

// Shipped presets and rules with real pip. As nobody with Debian's python3,
// so a wrong decision could not touch the machine's interpreter.
const asRoot = process.getuid?.() === 0 && existsSync(DEBIAN_PYTHON);
const notRoot = needs('root and /usr/bin/python3', asRoot);
const py = pyenvPython('3.12');
const noPy = needs('pyenv Python 3.12', py);

function orgWorld(orgConfig: string) {
  const w = world();
  const org = join(w.root, 'etc-pipwarden');
  mkdirSync(org);
  writeFileSync(join(org, 'config.yaml'), orgConfig);
  openForNobody(w.root, w.wheels, org);
  mkdirSync(w.home, { recursive: true });
  giveToNobody(w.home);
  return { w, org };
}

describe.skipIf(notRoot)('preset venv-only', () => {
  it('refuses the system python, next step a venv, never --user; a user cannot loosen it', () => {
    const { w } = orgWorld('presets: [venv-only]\n');
    const userCfg = join(w.home, '.config', 'pipwarden');
    mkdirSync(userCfg, { recursive: true });
    writeFileSync(join(userCfg, 'config.yaml'), 'onNoEnv: pip\nrules: [{ action: pass }]\n');
    giveToNobody(w.home);
    const env = w.env({ PATH: pathWith(), PIPWARDEN_DISABLE: '1' });
    for (const extra of [[], ['--user']]) {
      const r = pipwarden(['run', '--', DEBIAN_PYTHON, '-m', 'pip', ...w.installArgs, ...extra], {
        env,
        asNobody: true,
      });
      expect(r.status, r.stderr).toBe(77);
      expect(r.stderr).toContain("This machine's policy");
      const next = r.stderr.split('\n').find((l) => l.startsWith('pipwarden: next:')) ?? '';
      expect(next).toContain('-m venv .venv');
      expect(next).not.toContain('pip install --user');
      expect(r.stderr).toContain('onNoEnv: locked by');
      expect(r.stderr).toContain('PIPWARDEN_DISABLE=1: ignored, locked by');
      expect(existsSync(join(w.home, '.local', 'lib'))).toBe(false);
    }
  });

  it.skipIf(noPy)('lets a venv and a pixi-like env install', () => {
    const { w } = orgWorld('presets: [venv-only]\n');
    const venv = makeVenv(py as string, join(w.root, 'venv'));
    const pixi = makeVenv(py as string, join(w.root, 'pixi'));
    markConda(pixi, true);
    for (const prefix of [venv, pixi]) {
      const env = w.env({ PATH: pathWith(join(prefix, 'bin')) });
      const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env });
      expect(r.status, r.stderr).toBe(0);
      expect(installedIn(prefix, 'pwdemo')).toBe(true);
    }
  });
});

describe.skipIf(notRoot)('a refusal never suggests a step the policy forbids', () => {
  // onNotWritable: refuse used to say "next: pip install --user", and that
  // install succeeded (src/core/decide/police-next-steps.ts checks each step now).
  it('onNotWritable: refuse does not offer --user', () => {
    const { w } = orgWorld('onNotWritable: refuse\n');
    const venv = makeVenv(DEBIAN_PYTHON, join(w.root, 'venv'), { systemSitePackages: true });
    const env = w.env({ PATH: pathWith(join(venv, 'bin')), VIRTUAL_ENV: venv });
    const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env, asNobody: true });
    expect(r.status, r.stderr).toBe(77);
    expect(r.stderr).toContain('is not writable');
    const next = r.stderr.split('\n').find((l) => l.startsWith('pipwarden: next:')) ?? '';
    expect(next).not.toContain('--user');
    expect(next).toContain('-m venv');
    expect(existsSync(join(w.home, '.local', 'lib'))).toBe(false);
  });
});

describe.skipIf(notRoot || noPy)('presets no-sudo-pip and index-only, and a custom rule', () => {
  it('no-sudo-pip refuses pip under sudo, with a next step without sudo', () => {
    const { w } = orgWorld('presets: [no-sudo-pip]\n');
    const env = w.env({ PATH: pathWith(), SUDO_USER: 'nobody' });
    const r = pipwarden(['run', '--', py as string, '-m', 'pip', ...w.installArgs], { env });
    expect(r.status, r.stderr).toBe(77);
    expect(r.stderr).toContain('no pip under sudo');
    expect(r.stderr).toMatch(/next: run without sudo inside a venv/);
  });

  it('index-only with the org list: its own find-links pass, another index is refused', () => {
    const w0 = world();
    const rule = `rules:\n  - name: index-only\n    when: { indexNotIn: ["${w0.wheels}", "https://pypi.org/simple"] }\n    action: refuse\n    message: "Acme: approved indexes only"\nlock: [rules]\n`;
    const { w } = orgWorld(rule);
    const venv = makeVenv(py as string, join(w.root, 'venv'));
    const env = w.env({ PATH: pathWith(join(venv, 'bin')) });
    const denied = pipwarden(
      ['run', '--', 'pip', 'install', '--index-url', 'http://example.invalid/simple', 'pwdemo'],
      { env },
    );
    expect(denied.status, denied.stderr).toBe(77);
    expect(denied.stderr).toContain('Acme: approved indexes only');
    expect(denied.stderr).toContain(
      'refused: http://example.invalid/simple (--index-url http://example.invalid/simple on the command line)',
    );
    expect(denied.stderr).toContain('next: drop --index-url http://example.invalid/simple');
    // The org's own wheelhouse is on the list (w0's path stands in for it).
    const ok = pipwarden(
      ['run', '--', 'pip', 'install', '--no-index', '--find-links', w0.wheels, 'pwdemo'],
      { env },
    );
    expect(ok.status, ok.stderr).toBe(0);
    expect(installedIn(venv, 'pwdemo')).toBe(true);
  });

  it('a cwd + packages rule sends one project to a venv', () => {
    const { w } = orgWorld('notices: true\n');
    const project = join(w.root, 'srv', 'app');
    mkdirSync(project, { recursive: true });
    const cfg = `rules:\n  - when: { cwd: "${join(w.root, 'srv')}/**", packages: "pw*", env: system }\n    action: venv\n    message: "srv apps get their own venv"\n`;
    writeFileSync(join(project, '.pipwardenrc.yaml'), cfg);
    const env = w.env({ PATH: pathWith() });
    const r = pipwarden(['explain', '--json', '--', py as string, '-m', 'pip', ...w.installArgs], {
      env,
      cwd: project,
    });
    expect(r.status, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.action).toBe('rewrite');
    expect(plan.command[0]).toBe(join(project, '.venv', 'bin', 'python'));
    expect(plan.reasons[0]).toMatchObject({ situation: 'rule', action: 'venv' });
  });
});
