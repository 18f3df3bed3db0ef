import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { giveToNobody, openForNobody, pipwarden } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';
import { pathWith, world } from './fixtures.js';

const marker = '/usr/lib/python3.11/EXTERNALLY-MANAGED';
const hasDebian = existsSync(DEBIAN_PYTHON) && existsSync(marker);
const noDebian = needs("Debian's /usr/bin/python3 and its EXTERNALLY-MANAGED marker", hasDebian);
const canSetpriv = process.getuid?.() === 0;
const noSetpriv = needs('root (setpriv)', canSetpriv);
const debianSite = '/usr/local/lib/python3.11/dist-packages';

// Debian's /usr/bin/python3 is externally managed. Run as nobody, so that even
// a wrong decision could not write into the machine's interpreter.
describe.skipIf(noDebian || noSetpriv)("Debian's externally managed python3", () => {
  it("pipwarden refuses in pip's place, the distro's words condensed, the next step last", () => {
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
    expect(plan.action).toBe('refuse');
    expect(plan.facts.interpreter.externallyManaged).toBe(marker);

    const r = pipwarden(['run', '--', DEBIAN_PYTHON, '-m', 'pip', ...w.installArgs], {
      env,
      asNobody: true,
    });
    expect(r.status).toBe(77);
    expect(r.stderr).not.toContain('externally-managed-environment'); // pip never ran
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^pipwarden: refused: \/usr\/bin\/python3 is externally managed \(PEP 668\), so pip would refuse: "To install Python packages system-wide, try apt install python3-xyz, where xyz is the package you are trying to install\."$/,
    );
    expect(lines[1]).toMatch(/^pipwarden: next: python3 -m venv \.venv/);
    expect(existsSync(join(w.home, '.local', 'lib'))).toBe(false);
    expect(existsSync(debianSite) ? readdirSync(debianSite) : []).toEqual(before);
  });

  it('--help and --dry-run still reach pip, which judges them itself', () => {
    const w = world();
    openForNobody(w.root, w.wheels);
    mkdirSync(w.home, { recursive: true });
    giveToNobody(w.home);
    const env = w.env({ PATH: pathWith() });
    const help = pipwarden(['run', '--', DEBIAN_PYTHON, '-m', 'pip', 'install', '--help'], {
      env,
      asNobody: true,
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage:');
    const dry = pipwarden(
      ['run', '--', DEBIAN_PYTHON, '-m', 'pip', ...w.installArgs, '--dry-run'],
      {
        env,
        asNobody: true,
      },
    );
    expect(dry.status).toBe(1); // pip's own refusal, its exit code unchanged
    expect(dry.stderr).toContain('externally-managed-environment');
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
    const env = w.env({ PATH: pathWith(), SHELL: '/usr/bin/fish' });
    const r = pipwarden(['run', '--', DEBIAN_PYTHON, '-m', 'pip', ...w.installArgs], {
      env,
      asNobody: true,
      cwd: project,
    });
    expect(r.stderr).toContain(`installing into a new venv ${join(project, '.venv')}`);
    expect(r.stderr).toContain(
      `pipwarden: next: to use it in this shell: source ${join(project, '.venv', 'bin', 'activate.fish')}\n`,
    );
    expect(r.status).toBe(0);
    expect(
      existsSync(
        join(project, '.venv', 'lib', 'python3.11', 'site-packages', 'pwdemo', '__init__.py'),
      ),
    ).toBe(true);
  });
});
