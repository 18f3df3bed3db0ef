import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipwarden } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';
import { pathWith, world } from './fixtures.js';

const asRoot = process.getuid?.() === 0 && existsSync(DEBIAN_PYTHON);

const notRoot = needs('root and /usr/bin/python3', asRoot);

// `sudo pip install` outside an env writes root-owned files into the system
// prefix. Only explain runs here: the decision, never an install as root.
describe.skipIf(notRoot)('sudo pip install (root with SUDO_USER)', () => {
  it('warns by default, with the next step', () => {
    const w = world();
    const env = w.env({ PATH: pathWith(), SUDO_USER: 'alice' });
    const r = pipwarden(['explain', '--json', '--', DEBIAN_PYTHON, '-m', 'pip', 'install', 'x'], {
      env,
    });
    const plan = JSON.parse(r.stdout);
    expect(plan.facts.user).toEqual({ uid: 0, isRoot: true, sudoUser: 'alice' });
    const sudo = plan.notices.find((n: { text: string }) => n.text.includes('SUDO_USER=alice'));
    expect(sudo).toMatchObject({ level: 'warning' });
    expect(sudo.text).toMatch(/Next: python3 -m venv \.venv/);
  });

  it('onSudo: refuse refuses', () => {
    const w = world();
    const org = join(w.root, 'etc-pipwarden');
    mkdirSync(org);
    writeFileSync(join(org, 'config.toml'), 'onSudo = "refuse"\n');
    const env = w.env({ PATH: pathWith(), SUDO_USER: 'alice' });
    const r = pipwarden(['explain', '--json', '--', DEBIAN_PYTHON, '-m', 'pip', 'install', 'x'], {
      env,
    });
    const plan = JSON.parse(r.stdout);
    expect(plan.action).toBe('refuse');
    expect(plan.exitCode).toBe(77);
    expect(plan.reasons).toContainEqual(
      expect.objectContaining({
        situation: 'sudo',
        action: 'refuse',
        source: { level: 'org', file: join(org, 'config.toml') },
      }),
    );
  });

  it('says nothing for a call that installs nothing', () => {
    const w = world();
    const env = w.env({ PATH: pathWith() });
    const plan = JSON.parse(
      pipwarden(['explain', '--json', '--', DEBIAN_PYTHON, '-m', 'pip', 'list'], {
        env: { ...env, SUDO_USER: 'alice' },
      }).stdout,
    );
    expect(plan.notices).toEqual([]);
  });
});
