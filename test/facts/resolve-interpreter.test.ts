import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveInterpreter } from '../../src/io/interpreter/resolve-interpreter.js';
import { parseShebang } from '../../src/io/interpreter/shebang.js';
import { hermeticEnv } from '../helpers/env.js';
import { DEBIAN_PYTHON, pyenvPython } from '../helpers/pythons.js';
import { tempDir } from '../helpers/tmp.js';
import { makeVenv } from '../helpers/venv.js';

describe('parseShebang', () => {
  test.each([
    [
      '#!/usr/bin/python3\nimport re\n',
      { kind: 'path', interpreter: '/usr/bin/python3', args: [] },
    ],
    [
      '#! /opt/py/bin/python3.12 -sE\n',
      { kind: 'path', interpreter: '/opt/py/bin/python3.12', args: ['-sE'] },
    ],
    ['#!/usr/bin/env python3\n', { kind: 'env', name: 'python3', args: [] }],
    ['#!/usr/bin/env -S python3 -I\n', { kind: 'env', name: 'python3', args: ['-I'] }],
    [
      `#!/bin/sh\n'''exec' "/very/long/path with space/bin/python" "$0" "$@"\n' '''\n`,
      { kind: 'path', interpreter: '/very/long/path with space/bin/python', args: [] },
    ],
    [
      `#!/bin/sh\n'''exec' /very/long/path/bin/python "$0" "$@"\n' '''\n`,
      { kind: 'path', interpreter: '/very/long/path/bin/python', args: [] },
    ],
    ['#!/bin/sh\nexec python3 "$@"\n', null],
    ['\x7fELF\x02\x01', null],
  ])('%j', (head, expected) => {
    expect(parseShebang(head)).toEqual(expected);
  });
});

describe('resolveInterpreter', () => {
  const py312 = () => {
    const p = pyenvPython('3.12');
    if (p === null) throw new Error('pyenv 3.12 missing');
    return p;
  };

  test("a venv's pip script runs the venv python (not its realpath)", async () => {
    const venv = makeVenv(py312(), join(tempDir(), 'v'));
    const r = await resolveInterpreter(join(venv, 'bin', 'pip'), {
      env: hermeticEnv(tempDir()),
      cwd: '/',
    });
    // pip writes #!<venv>/bin/python3.12, a symlink into the venv.
    expect(r.interpreter).toBe(join(venv, 'bin', 'python3.12'));
  });

  test("pip's long-path trampoline, as pip itself writes it", async () => {
    // A venv path longer than the kernel's shebang limit (127 bytes) makes
    // distlib write the /bin/sh trampoline instead of a plain shebang.
    const deep = join(tempDir(), 'x'.repeat(60), 'y'.repeat(60));
    mkdirSync(deep, { recursive: true });
    const venv = makeVenv(py312(), join(deep, 'venv'));
    expect(readFileSync(join(venv, 'bin', 'pip'), 'utf8')).toMatch(/^#!\/bin\/sh\n'''exec' /);
    const r = await resolveInterpreter(join(venv, 'bin', 'pip'), {
      env: hermeticEnv(tempDir()),
      cwd: '/',
    });
    expect(r.interpreter).toBe(join(venv, 'bin', 'python3.12'));
  });

  test('#!/usr/bin/env python3 looks python3 up on PATH, skipping excluded dirs', async () => {
    const t = tempDir();
    const ours = join(t, 'our-shims');
    mkdirSync(ours);
    writeFileSync(join(ours, 'python3'), '#!/bin/sh\n', { mode: 0o755 });
    const bin = join(t, 'bin');
    mkdirSync(bin);
    symlinkSync(DEBIAN_PYTHON, join(bin, 'python3'));
    const pip = join(t, 'pip');
    writeFileSync(pip, '#!/usr/bin/env python3 -s\nimport pip\n');
    chmodSync(pip, 0o755);
    const env = hermeticEnv(t, { PATH: `${ours}:${bin}:/usr/bin:/bin` });
    const r = await resolveInterpreter(pip, { env, cwd: t, exclude: [ours] });
    expect(r.interpreter).toBe(join(bin, 'python3'));
    expect(r.flags).toEqual({ isolated: false, ignoreEnvironment: false, noUserSite: true });
  });

  test('a python is its own interpreter; a binary that is neither gives null', async () => {
    const env = hermeticEnv(tempDir());
    expect((await resolveInterpreter(DEBIAN_PYTHON, { env, cwd: '/' })).interpreter).toBe(
      DEBIAN_PYTHON,
    );
    const r = await resolveInterpreter('/bin/ls', { env, cwd: '/' });
    expect(r.interpreter).toBeNull();
    expect(r.steps.at(-1)).toMatch(/neither a python nor a script/);
  });
});
