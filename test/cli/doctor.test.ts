import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWith, world } from '../engine/fixtures.js';
import { pipwarden } from '../helpers/cli.js';
import { pyenvPython } from '../helpers/pythons.js';
import { makeVenv } from '../helpers/venv.js';

const py = pyenvPython('3.12');

describe.skipIf(!py)('pipwarden doctor', () => {
  it('says what is wrong, with the next step, and exits 1 on a failure', () => {
    const w = world();
    const venv = makeVenv(py as string, join(w.root, 'venv'), { withoutPip: true });
    const shims = join(w.root, 'shims');
    const env = w.env({ PATH: pathWith(join(venv, 'bin')) });

    const none = pipwarden(['doctor'], { env });
    expect(none.status).toBe(1);
    expect(none.stdout).toContain(`fail no shim dir at ${shims}`);
    expect(none.stdout).toContain('next: pipwarden rehash');

    expect(pipwarden(['rehash'], { env }).status).toBe(0);
    const notFirst = pipwarden(['doctor'], { env });
    expect(notFirst.status).toBe(0);
    expect(notFirst.stdout).toMatch(/ok {3}\d+ shims in .*, all current/);
    expect(notFirst.stdout).toContain('warn the shim dir is not first on PATH');
    expect(notFirst.stdout).toMatch(
      /ok {3}python3 → .*venv\/bin\/python3 \(Python 3\.12\.\d+, venv, writable, no pip\)/,
    );

    const routed = w.env({ PATH: pathWith(shims, join(venv, 'bin')) });
    const shim = join(shims, 'python3');
    writeFileSync(shim, readFileSync(shim, 'utf8').replace(/version=[^ ]+/, 'version=0.0.0-old'));
    const r = pipwarden(['doctor', '--json'], { env: routed });
    const checks = JSON.parse(r.stdout) as { status: string; what: string; next?: string }[];
    expect(checks).toContainEqual(
      expect.objectContaining({ status: 'ok', what: 'the shim dir is first on PATH' }),
    );
    expect(checks).toContainEqual(
      expect.objectContaining({
        status: 'warn',
        what: expect.stringContaining('written by another pipwarden version (python3)'),
        next: 'pipwarden rehash',
      }),
    );
  });
});
