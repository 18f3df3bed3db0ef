import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { markConda, pathWith, world } from './fixtures.js';

// In a conda or pixi shell whose env has no pip, `pip` is some other
// interpreter's and installs outside the env. The "other" interpreter here
// is a venv the test made, so a stray install lands somewhere we can see.
describe.each([
  { kind: 'conda', pixi: false, vars: { CONDA_DEFAULT_ENV: 'ml' } },
  { kind: 'pixi', pixi: true, vars: { PIXI_ENVIRONMENT_NAME: 'default', PIXI_IN_SHELL: '1' } },
])('an active $kind env without pip', ({ pixi, vars }) => {
  const py312 = pyenvPython('3.12');
  const noPy312 = needs('pyenv Python 3.12', py312);
  it.skipIf(noPy312)('pip alone installs outside; pipwarden installs into the env', () => {
    const w = world();
    const other = makeVenv(py312 as string, join(w.root, 'other'));
    const env1 = makeVenv(py312 as string, join(w.root, 'env'), { withoutPip: true });
    markConda(env1, pixi);
    // conda activate puts the env's bin first; the env has python but no pip.
    const env = w.env({
      PATH: pathWith(join(env1, 'bin'), join(other, 'bin')),
      CONDA_PREFIX: env1,
      ...vars,
    });

    const direct = runCommand(['pip', ...w.installArgs, '--dry-run'], { env });
    expect(direct.stdout).toMatch(/Would install pwdemo/); // pip itself would go ahead, outside the env

    const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env });
    // One short line: no CONDA_PREFIX+PIXI_ENVIRONMENT_NAME noise to wrap it.
    const ours = r.stderr.split('\n').filter((l) => l.startsWith('pipwarden:'));
    expect(ours).toEqual([
      `pipwarden: installing into the active ${pixi ? 'pixi' : 'conda'} env ${env1}, through pip --python: it has no pip of its own${pixi ? "; pixi's lock file does not record it, so the next pixi command may undo it (prefix-dev/pixi#1233)" : ''}`,
    ]);
    expect(r.status).toBe(0);
    expect(installedIn(env1, 'pwdemo')).toBe(true);
    expect(installedIn(other, 'pwdemo')).toBe(false);

    // --quiet (or PIPWARDEN_QUIET=1 for the shims) silences the notice, not the rewrite.
    const quiet = pixi
      ? pipwarden(['run', '--', 'pip', ...w.installArgs], { env: { ...env, PIPWARDEN_QUIET: '1' } })
      : pipwarden(['run', '--quiet', '--', 'pip', ...w.installArgs], { env });
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).not.toContain('pipwarden:');
    expect(quiet.stdout).toContain(`Requirement already satisfied: pwdemo`);
  });
});

describe('an active conda env that has its own pip', () => {
  const py313 = pyenvPython('3.13');
  const noPy313 = needs('pyenv Python 3.13', py313);
  it.skipIf(noPy313)("uses the env's pip", () => {
    const w = world();
    const other = makeVenv(py313 as string, join(w.root, 'other'));
    const env1 = makeVenv(py313 as string, join(w.root, 'env'));
    markConda(env1);
    // PATH order puts the other pip first, as after `conda activate` in a
    // shell where another tool re-prepended its bin dir.
    const env = w.env({
      PATH: pathWith(join(other, 'bin'), join(env1, 'bin')),
      CONDA_PREFIX: env1,
    });
    const plan = JSON.parse(
      pipwarden(['explain', '--json', '--', 'pip', ...w.installArgs], { env }).stdout,
    );
    expect(plan.command[0]).toBe(join(env1, 'bin', 'pip'));
    const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env });
    expect(r.status).toBe(0);
    expect(installedIn(env1, 'pwdemo')).toBe(true);
    expect(installedIn(other, 'pwdemo')).toBe(false);
  });
});

describe('an old pip cannot target the env', () => {
  const py37 = pyenvPython('3.7');
  const noPy37 = needs('pyenv Python 3.7', py37);
  const py312 = pyenvPython('3.12');
  const noPy312 = needs('pyenv Python 3.12', py312);
  it.skipIf(noPy37 || noPy312)(
    'pip 22.0 has no --python: refuse with exit 77 and the next step',
    () => {
      const w = world();
      const other = makeVenv(py37 as string, join(w.root, 'other'));
      const env1 = makeVenv(py312 as string, join(w.root, 'env'), { withoutPip: true });
      markConda(env1);
      const env = w.env({
        PATH: pathWith(join(env1, 'bin'), join(other, 'bin')),
        CONDA_PREFIX: env1,
      });
      const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env });
      expect(r.status).toBe(77);
      expect(r.stderr).toMatch(/older than 22\.3/);
      expect(r.stderr).toContain(`next: conda install -p ${env1} pip`);
      expect(r.stdout).toBe('');
      expect(installedIn(env1, 'pwdemo')).toBe(false);
      expect(installedIn(other, 'pwdemo')).toBe(false);
    },
  );
});
