import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { giveToNobody, openForNobody, pipwarden } from '../helpers/cli.js';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';
import { pathWith, world } from './fixtures.js';

const marker = '/usr/lib/python3.11/EXTERNALLY-MANAGED';
const hasDebian = existsSync(DEBIAN_PYTHON) && existsSync(marker);
const canSetpriv = process.getuid?.() === 0;
const debianSite = '/usr/local/lib/python3.11/dist-packages';

// Debian's /usr/bin/python3 is externally managed. Run as nobody, so that even
// a wrong decision could not write into the machine's interpreter.
describe.skipIf(!hasDebian || !canSetpriv)("Debian's externally managed python3", () => {
  it('pip refuses; pipwarden passes through and adds the next step first', () => {
    const w = world();
    openForNobody(w.root, w.wheels);
    mkdirSync(w.home, { recursive: true });
    giveToNobody(w.home);
    const before = existsSync(debianSite) ? readdirSync(debianSite) : [];
    const env = w.env({ PATH: pathWith() });

    const plan = JSON.parse(
      pipwarden(['explain', '--json', '--', DEBIAN_PYTHON, '-m', 'pip', ...w.installArgs], {
        env,
        asNobody: true,
      }).stdout,
    );
    expect(plan.action).toBe('pass');
    expect(plan.facts.interpreter.externallyManaged).toBe(marker);
    expect(plan.command).toEqual([DEBIAN_PYTHON, '-m', 'pip', ...w.installArgs]);
    expect(plan.command).not.toContain('--break-system-packages');

    const r = pipwarden(['run', '--', DEBIAN_PYTHON, '-m', 'pip', ...w.installArgs], {
      env,
      asNobody: true,
    });
    expect(r.status).toBe(1); // pip's own exit code, unchanged
    expect(r.stderr).toContain('externally-managed-environment');
    const hint = r.stderr.indexOf('pipwarden: warning:');
    expect(hint).toBeGreaterThanOrEqual(0);
    expect(hint).toBeLessThan(r.stderr.indexOf('externally-managed-environment'));
    expect(r.stderr).toMatch(/Next: python3 -m venv \.venv/);
    expect(existsSync(join(w.home, '.local', 'lib'))).toBe(false);
    expect(existsSync(debianSite) ? readdirSync(debianSite) : []).toEqual(before);
  });

  it('onExternallyManaged: venv creates the project .venv and installs there', () => {
    const w = world();
    const project = join(w.root, 'project');
    mkdirSync(join(w.root, 'etc-pipwarden'), { recursive: true });
    mkdirSync(project);
    writeFileSync(join(w.root, 'etc-pipwarden', 'config.yaml'), 'onExternallyManaged: venv\n');
    openForNobody(w.root, w.wheels, join(w.root, 'etc-pipwarden'));
    mkdirSync(w.home, { recursive: true });
    giveToNobody(w.home, project);
    const env = w.env({ PATH: pathWith() });
    const r = pipwarden(['run', '--', DEBIAN_PYTHON, '-m', 'pip', ...w.installArgs], {
      env,
      asNobody: true,
      cwd: project,
    });
    expect(r.stderr).toContain(`installing into a new venv ${join(project, '.venv')}`);
    expect(r.status).toBe(0);
    expect(
      existsSync(
        join(project, '.venv', 'lib', 'python3.11', 'site-packages', 'pwdemo', '__init__.py'),
      ),
    ).toBe(true);
  });
});
