import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWith, world } from '../engine/fixtures.js';
import { pipwarden } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { makeVenv } from '../helpers/venv.js';

const py = pyenvPython('3.12');

const noPy = needs('pyenv Python 3.12', py);

// Node 20's recursive mkdir never returns under /proc; a cache or shim dir
// there must cost a probe or give an error, never hang a pip call.
describe.skipIf(noPy)('faults: unusable cache and shim dirs', () => {
  it('a cache dir that cannot be created only costs a probe', () => {
    const w = world();
    const venv = makeVenv(py as string, join(w.root, 'venv'), { withoutPip: true });
    const env = w.env({
      PATH: pathWith(join(venv, 'bin')),
      PIPWARDEN_CACHE_DIR: '/proc/pipwarden-test/cache',
    });
    const r = pipwarden(['explain', '--json', '--', 'python3', '-m', 'pip', 'install', 'x'], {
      env,
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).facts.interpreter.prefix).toBe(venv);
  });

  it('a shim dir that cannot be created: one line, exit 78, the next step', () => {
    const w = world();
    const r = pipwarden(['rehash'], {
      env: w.env({ PIPWARDEN_SHIM_DIR: '/proc/pipwarden-test/shims' }),
    });
    expect(r.status).toBe(78);
    expect(r.stderr).toBe(
      'pipwarden: error: cannot create the shim dir /proc/pipwarden-test/shims (ENOENT)\n' +
        'pipwarden: next: pipwarden rehash --dir <a dir you own>, or set PIPWARDEN_SHIM_DIR\n',
    );
  });
});
