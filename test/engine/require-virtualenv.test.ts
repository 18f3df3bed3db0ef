import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON, pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { pathWith, world } from './fixtures.js';

// pip's require-virtualenv (PIP_REQUIRE_VIRTUALENV=1) exits 3, "Could not
// find an activated virtualenv (required)", under any interpreter that is
// not a virtualenv, conda's included. A conda env is active here, but the
// pip as typed is a venv's and would install: pointing it at the conda env
// would turn that into exit 3. Debian's /usr stands in for the conda env: a
// real non-venv prefix, where pip stops before touching anything.
const py = pyenvPython('3.12');
describe.skipIf(
  needs('pyenv Python 3.12', py) || needs('/usr/bin/python3', existsSync(DEBIAN_PYTHON)),
)('require-virtualenv and an active conda env', () => {
  it('pip runs as typed, with a warning, and installs into its venv', () => {
    const w = world();
    const venv = makeVenv(py as string, join(w.root, 'venv'));
    const env = w.env({
      PATH: pathWith(join(venv, 'bin')),
      CONDA_PREFIX: '/usr',
      CONDA_DEFAULT_ENV: 'ml',
      PIP_REQUIRE_VIRTUALENV: '1',
    });
    const direct = runCommand(['pip', ...w.installArgs, '--dry-run'], { env });
    expect(direct.stdout).toMatch(/Would install pwdemo/);

    const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env });
    expect(r.stderr).not.toContain('Could not find an activated virtualenv');
    expect(r.stderr).toMatch(
      /pip requires a virtualenv \(PIP_REQUIRE_VIRTUALENV in the environment\)/,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(installedIn(venv, 'pwdemo')).toBe(true);
  });
});
