import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWith, world } from '../engine/fixtures.js';
import { pipwarden } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { installedIn } from '../helpers/venv.js';

const py = pyenvPython('3.12');

const noPy = needs('pyenv Python 3.12', py);

// No terminal (spawned with a pipe for stdin): the prompt action never
// waits, applies promptDefault and says which. The tmux tests cover asking.
describe.skipIf(noPy)('the prompt action without a terminal', () => {
  it('applies promptDefault (here: venv) and says so', () => {
    const w = world();
    const proj = join(w.root, 'proj');
    mkdirSync(proj);
    mkdirSync(join(w.home, '.config', 'pipwarden'), { recursive: true });
    const conf = join(w.home, '.config', 'pipwarden', 'config.yaml');
    writeFileSync(conf, 'onNoEnv: prompt\npromptDefault: venv\n');
    const env = w.env({ PATH: pathWith(dirname(py as string)), PIP_NO_INPUT: undefined });
    const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env, cwd: proj });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      `pipwarden: no terminal to ask on: applying promptDefault: venv [${conf}]\n`,
    );
    expect(installedIn(join(proj, '.venv'), 'pwdemo')).toBe(true);
  });
});
