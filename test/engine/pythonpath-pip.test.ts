import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { pathWith, world } from './fixtures.js';

// issue 17, defect 7: the probe runs `python -E`, so a pip importable only
// through PYTHONPATH counted as "no pip": `PYTHONPATH=<dir> python -m pip
// install x` was rewritten to another pip, or refused with 77 when the
// only other pip (Debian's 23.0.1) cannot run under 3.12. pip alone installs.
const py312 = pyenvPython('3.12'); // pip 23.2.1
const missing = needs('pyenv Python 3.12', py312);

/** A dir holding only pip (package and dist-info), copied from a pyenv version: what `pip install --target` makes. */
function pipDir(into: string, python: string): string {
  const site = join(dirname(dirname(python)), 'lib', 'python3.12', 'site-packages');
  mkdirSync(into, { recursive: true });
  for (const entry of readdirSync(site)) {
    if (entry === 'pip' || /^pip-[\d.]+\.dist-info$/.test(entry))
      cpSync(join(site, entry), join(into, entry), { recursive: true });
  }
  return into;
}

describe.skipIf(missing)('a pip importable only through PYTHONPATH', () => {
  it('python -m pip with PYTHONPATH=<dir with pip>: installs as pip alone does, into the interpreter', () => {
    const w = world();
    const venv = makeVenv(py312 as string, join(w.root, 'venv'), { withoutPip: true });
    const lib = pipDir(join(w.root, 'piplib'), py312 as string);
    const env = w.env({ PATH: pathWith(join(venv, 'bin')), VIRTUAL_ENV: venv, PYTHONPATH: lib });

    const r = pipwarden(['run', '--', 'python', '-m', 'pip', ...w.installArgs], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('refused');
    expect(installedIn(venv, 'pwdemo')).toBe(true);

    // The facts say where that pip came from, and the call runs as typed.
    const x = pipwarden(['explain', '--json', '--', 'python', '-m', 'pip', ...w.installArgs], {
      env,
    });
    const plan = JSON.parse(x.stdout);
    expect(plan.action).toBe('pass');
    expect(plan.facts.interpreter.pipVersion).toBe('23.2.1');
    expect(plan.facts.debug.resolution).toContain(`pip 23.2.1 from PYTHONPATH entry ${lib}`);
  });

  it('without PYTHONPATH the same call is still routed to another pip (or refused), not passed', () => {
    const w = world();
    const venv = makeVenv(py312 as string, join(w.root, 'venv'), { withoutPip: true });
    const env = w.env({ PATH: pathWith(join(venv, 'bin')), VIRTUAL_ENV: venv });
    const direct = runCommand(['python', '-m', 'pip', ...w.installArgs], { env });
    expect(direct.stderr).toContain('No module named pip');
    const r = pipwarden(['run', '--', 'python', '-m', 'pip', ...w.installArgs], { env });
    expect(r.stderr).toContain('has no pip');
  });

  it('a pip in the cwd (python -m puts the cwd first) is not taken for the user’s: decided as before', () => {
    const w = world();
    const venv = makeVenv(py312 as string, join(w.root, 'venv'), { withoutPip: true });
    const lib = pipDir(join(w.root, 'piplib'), py312 as string);
    const tree = pipDir(join(w.root, 'tree'), py312 as string);
    const env = w.env({ PATH: pathWith(join(venv, 'bin')), VIRTUAL_ENV: venv, PYTHONPATH: lib });
    const x = pipwarden(['explain', '--json', '--', 'python', '-m', 'pip', ...w.installArgs], {
      env,
      cwd: tree,
    });
    const plan = JSON.parse(x.stdout);
    expect(plan.facts.interpreter.pipVersion).toBeNull();
    expect(plan.action).not.toBe('pass');
  });
});
