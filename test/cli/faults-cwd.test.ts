import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWith, world } from '../engine/fixtures.js';
import { MAIN, pipwarden, runCommand } from '../helpers/cli.js';
import { SYSTEM_PATH } from '../helpers/env.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';

const py = pyenvPython('3.12');

const noPy = needs('pyenv Python 3.12', py);
const PIP_LINE = 'The folder you are executing pip from can no longer be found.';

/** Run argv from inside a directory that is removed just before the exec. */
function inDeletedCwd(dir: string, argv: string[], env: Record<string, string>) {
  mkdirSync(dir, { recursive: true });
  return runCommand(
    ['/bin/sh', '-c', 'cd "$1" && rmdir "$1" && shift && exec "$@"', 'sh', dir, ...argv],
    { env: { ...env, PWD: dir } },
  );
}

// pip outside a venv stops at once in a deleted cwd (get_src_prefix in
// pip/_internal/locations/base.py), so these calls never install anything.
describe.skipIf(noPy)('faults: the cwd has been deleted', () => {
  const setup = () => {
    const w = world();
    const bin = dirname(py as string);
    const env = w.env({ PATH: pathWith(bin) });
    const r = pipwarden(['rehash'], { env });
    expect(r.status, r.stderr).toBe(0);
    const shimmed = { ...env, PATH: [join(w.root, 'shims'), bin, SYSTEM_PATH].join(':') };
    return { w, bin, env, shimmed, gone: join(w.root, 'gone') };
  };

  it('through the shims, pip says its own words with its own exit code', () => {
    const { bin, env, shimmed, gone } = setup();
    const install = ['install', '--no-index', 'pwdemo'];
    for (const [name, ...args] of [
      ['pip', ...install],
      ['pip3.12', ...install],
      ['python3', '-m', 'pip', ...install],
    ] as [string, ...string[]][]) {
      const alone = inDeletedCwd(gone, [join(bin, name), ...args], env);
      const r = inDeletedCwd(gone, [name, ...args], shimmed);
      expect(r.status, `${name}: ${r.stderr}`).toBe(alone.status);
      expect(alone.status).not.toBe(0);
      // dash itself warns once at start-up when it cannot get the cwd.
      expect(r.stderr.replace(/^sh: \d+: getcwd\(\) failed: .*\n/gm, '')).toBe(alone.stderr);
      expect(r.stderr).not.toContain('pipwarden');
    }
    expect(inDeletedCwd(gone, ['pip', ...install], shimmed).stderr).toContain(PIP_LINE);
  });

  it('run passes the call to pip unchanged; explain says why', () => {
    const { env, gone } = setup();
    const run = inDeletedCwd(
      gone,
      [process.execPath, MAIN, 'run', '--', 'pip', 'install', '--no-index', 'pwdemo'],
      env,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(PIP_LINE);
    expect(run.stderr).not.toContain('pipwarden');
    const explain = inDeletedCwd(
      gone,
      [process.execPath, MAIN, 'explain', '--json', '--', 'pip', 'install', 'pwdemo'],
      env,
    );
    expect(explain.status, explain.stderr).toBe(0);
    const plan = JSON.parse(explain.stdout);
    expect(plan.action).toBe('pass');
    expect(plan.reasons[0].message).toContain(`the current directory ${gone} no longer exists`);
  });

  it('commands that need a cwd: one line, exit 74, the next step', () => {
    const { env, gone } = setup();
    const r = inDeletedCwd(gone, [process.execPath, MAIN, 'config'], env);
    expect(r.status).toBe(74);
    expect(r.stderr).toBe(
      `pipwarden: error: pipwarden config: the current directory ${gone} no longer exists (deleted or renamed)\n` +
        'pipwarden: next: cd to an existing directory and run it again\n',
    );
  });
});
