import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { markConda, pathWith, world } from './fixtures.js';

// `python3 -m pip install x` where python3 is an env without pip: python
// says "No module named pip". pipwarden routes it as it routes `pip install`
// there: another pip ≥ 22.3 installs with --python <env python>.
const py312 = pyenvPython('3.12');
const noPy312 = needs('pyenv Python 3.12', py312);
const py37 = pyenvPython('3.7');
const noPy37 = needs('pyenv Python 3.7', py37);

describe.skipIf(noPy312)('python3 -m pip in an env without pip', () => {
  it.each([
    { kind: 'conda', mark: (p: string) => markConda(p), vars: { CONDA_DEFAULT_ENV: 'ml' } },
    { kind: 'venv made --without-pip', mark: () => {}, vars: {} },
  ])('$kind: installs into the env with another pip --python', ({ kind, mark, vars }) => {
    const w = world();
    const other = makeVenv(py312 as string, join(w.root, 'other'));
    const env1 = makeVenv(py312 as string, join(w.root, 'env'), { withoutPip: true });
    mark(env1);
    const env = w.env({
      PATH: pathWith(join(env1, 'bin'), join(other, 'bin')),
      ...(kind === 'conda' ? { CONDA_PREFIX: env1 } : { VIRTUAL_ENV: env1 }),
      ...vars,
    });
    const direct = runCommand(['python3', '-m', 'pip', ...w.installArgs], { env });
    expect(direct.stderr).toContain('No module named pip');

    const r = pipwarden(['run', '--', 'python3', '-m', 'pip', ...w.installArgs], { env });
    expect(r.stderr).toContain(`${env1}, through pip --python: it has no pip of its own`);
    expect(r.status, r.stderr).toBe(0);
    expect(installedIn(env1, 'pwdemo')).toBe(true);
    expect(installedIn(other, 'pwdemo')).toBe(false);
  });

  it.skipIf(noPy37)('only an old pip (22.0) elsewhere: refuse with the next step', () => {
    const w = world();
    const old = makeVenv(py37 as string, join(w.root, 'old'));
    const env1 = makeVenv(py312 as string, join(w.root, 'env'), { withoutPip: true });
    markConda(env1);
    const env = w.env({
      PATH: pathWith(join(env1, 'bin'), join(old, 'bin')),
      CONDA_PREFIX: env1,
    });
    const r = pipwarden(['run', '--', 'python3', '-m', 'pip', ...w.installArgs], { env });
    expect(r.status).toBe(77);
    expect(r.stderr).toMatch(/older than 22\.3/);
    expect(r.stderr).toContain(`next: conda install -p ${env1} pip`);
    expect(installedIn(env1, 'pwdemo')).toBe(false);
    expect(installedIn(old, 'pwdemo')).toBe(false);
  });
});
