import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { giveToNobody, openForNobody, pipwarden } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON, pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { markConda, pathWith, world } from './fixtures.js';

const canSetpriv = process.getuid?.() === 0;

const noSetpriv = needs('root (setpriv)', canSetpriv);
const ORG =
  'onNoEnv:\n  action: refuse\n  message: "Acme policy: install into a venv (see wiki/python)"\n';

// The org's venv-only rule: refuse outside venvs, but unlike pip's
// require-virtualenv, let conda and pixi envs through.
describe.skipIf(noSetpriv)('org config: venv only', () => {
  const py = pyenvPython('3.12');
  const noPy = needs('pyenv Python 3.12', py);

  it('refuses a system interpreter, before pip runs', () => {
    const w = world();
    const org = join(w.root, 'etc-pipwarden');
    mkdirSync(org);
    writeFileSync(join(org, 'config.yaml'), ORG);
    openForNobody(w.root, w.wheels, org);
    mkdirSync(w.home, { recursive: true });
    giveToNobody(w.home);
    const env = w.env({ PATH: pathWith() });
    // As nobody, so a wrong decision could not touch the machine's interpreter.
    const r = pipwarden(['run', '--', DEBIAN_PYTHON, '-m', 'pip', ...w.installArgs], {
      env,
      asNobody: true,
    });
    expect(r.status).toBe(77);
    expect(r.stderr).toContain('Acme policy: install into a venv');
    expect(r.stderr).toMatch(/refused: .* is not in a venv, conda or pixi env/);
    expect(r.stdout).toBe('');
    expect(existsSync(join(w.home, '.local', 'lib'))).toBe(false);
  });

  it.skipIf(noPy)('lets venvs and conda-like envs install', () => {
    const w = world();
    const org = join(w.root, 'etc-pipwarden');
    mkdirSync(org);
    writeFileSync(join(org, 'config.yaml'), ORG);
    const venv = makeVenv(py as string, join(w.root, 'venv'));
    const conda = makeVenv(py as string, join(w.root, 'conda'));
    markConda(conda);
    for (const prefix of [venv, conda]) {
      const env = w.env({
        PATH: pathWith(join(prefix, 'bin')),
        CONDA_PREFIX: prefix === conda ? conda : undefined,
      });
      const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env });
      expect(r.status, r.stderr).toBe(0);
      expect(installedIn(prefix, 'pwdemo')).toBe(true);
    }
  });
});
