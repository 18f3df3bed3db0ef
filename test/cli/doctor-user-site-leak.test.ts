import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWith, world } from '../engine/fixtures.js';
import { pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { buildWheel } from '../helpers/wheel.js';
import { makeWholeEnv } from '../helpers/whole-env.js';

// issue 17, beyond pip alone: a conda or pixi env is a whole interpreter, so
// ~/.local's user site is on its sys.path ahead of the env's own
// (conda/conda#7173, prefix-dev/pixi#2859). doctor names what leaks in.
const py312 = pyenvPython('3.12');
const missing = needs('pyenv Python 3.12', py312);

describe.skipIf(missing)('doctor: user-site packages inside an active conda env', () => {
  it('lists what shadows and what adds, and suggests PYTHONNOUSERSITE=1 for that env', () => {
    const w = world();
    buildWheel(w.wheels, 'pwdemo', '0.2');
    buildWheel(w.wheels, 'pwother');
    const e = makeWholeEnv(py312 as string, join(w.root, 'envs', 'ml'), { pip: true });
    const env = w.env({ PATH: pathWith(join(e.prefix, 'bin')), ...e.activation });
    const pip = (...args: string[]) =>
      runCommand(
        [e.python, '-m', 'pip', 'install', '--no-index', '--find-links', w.wheels, ...args],
        {
          env,
        },
      );
    expect(pip('pwdemo==0.1').status).toBe(0);
    // pip accepts --user in a whole interpreter: the real leak.
    expect(pip('--user', 'pwdemo==0.2', 'pwother').status).toBe(0);
    const seen = runCommand([e.python, '-c', 'import pwdemo; print(pwdemo.__file__)'], { env });
    expect(seen.stdout).toContain(join(w.home, '.local'));

    const r = pipwarden(['doctor', '--json'], { env });
    const checks = JSON.parse(r.stdout).checks as { status: string; what: string; next?: string }[];
    const leak = checks.find((c) => c.what.includes('from the user site'));
    expect(leak?.status).toBe('warn');
    expect(leak?.what).toContain(`conda env ${e.prefix}`);
    expect(leak?.what).toContain("pwdemo 0.2 (hides the env's 0.1)");
    expect(leak?.what).toContain('pwother 0.1');
    expect(leak?.next).toContain(`conda env config vars set PYTHONNOUSERSITE=1 -p ${e.prefix}`);

    // With the user site off for the env, python no longer sees it, and doctor says nothing.
    const off = w.env({
      PATH: pathWith(join(e.prefix, 'bin')),
      ...e.activation,
      PYTHONNOUSERSITE: '1',
    });
    const hidden = runCommand([e.python, '-c', 'import pwdemo; print(pwdemo.__file__)'], {
      env: off,
    });
    expect(hidden.stdout).toContain(e.sitePackages);
    const quiet = JSON.parse(pipwarden(['doctor', '--json'], { env: off }).stdout);
    expect(quiet.checks.some((c: { what: string }) => c.what.includes('from the user site'))).toBe(
      false,
    );
  }, 300_000);
});
