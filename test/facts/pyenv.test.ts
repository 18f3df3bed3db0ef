import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { gatherFacts } from '../../src/io/gather-facts.js';
import { resolveInterpreter } from '../../src/io/interpreter/resolve-interpreter.js';
import { hermeticEnv, SYSTEM_PATH } from '../helpers/env.js';
import { DEBIAN_PYTHON, pyenvPython } from '../helpers/pythons.js';
import { tempDir } from '../helpers/tmp.js';

const REAL_PYENV = '/root/.pyenv/libexec/pyenv';

function python(minor: string): string {
  const p = pyenvPython(minor);
  if (p === null) throw new Error(`pyenv Python ${minor} missing`);
  return p;
}

/** A shim exactly as `pyenv rehash` writes it, for a given PYENV_ROOT. */
function shimText(root: string): string {
  return `#!/usr/bin/env bash
set -e
[ -n "$PYENV_DEBUG" ] && set -x

program="\${0##*/}"

export PYENV_ROOT="${root}"
SHIM_PATH=\${0%/*}
if [[ $SHIM_PATH != "${root}/shims" ]]; then
  export _PYENV_SHIM_PATH="$SHIM_PATH"
fi
exec "${REAL_PYENV}" exec "$program" "$@"
`;
}

/**
 * A PYENV_ROOT of our own: versions 3.12.1 and 3.13.0 whose bin/python3 are
 * symlinks to the machine's real interpreters, a 2.7.18 with only python2,
 * pip3 scripts with shebangs, shims for python3 and pip3, a global version
 * file, and a system dir with a python3 of its own.
 */
function fakePyenv() {
  const dir = tempDir();
  const root = join(dir, 'pyenv');
  const shims = join(root, 'shims');
  mkdirSync(shims, { recursive: true });
  for (const [version, minor] of [
    ['3.12.1', '3.12'],
    ['3.13.0', '3.13'],
  ] as const) {
    const bin = join(root, 'versions', version, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(python(minor), join(bin, 'python3'));
    writeFileSync(
      join(bin, 'pip3'),
      `#!${join(bin, 'python3')}\nimport sys\nprint(sys.executable)\n`,
      {
        mode: 0o755,
      },
    );
  }
  const py27 = join(root, 'versions', '2.7.18', 'bin');
  mkdirSync(py27, { recursive: true });
  symlinkSync(python('2.7'), join(py27, 'python2'));
  for (const name of ['python3', 'pip3']) {
    writeFileSync(join(shims, name), shimText(root));
    chmodSync(join(shims, name), 0o755);
  }
  writeFileSync(join(root, 'version'), '3.12.1\n');
  const system = join(dir, 'system-bin');
  mkdirSync(system);
  symlinkSync(DEBIAN_PYTHON, join(system, 'python3'));
  const home = join(dir, 'home');
  const project = join(dir, 'project');
  const cwd = join(project, 'src', 'deep');
  mkdirSync(cwd, { recursive: true });
  return { dir, root, shims, system, home, project, cwd };
}

type Fake = ReturnType<typeof fakePyenv>;

function envFor(f: Fake, extra: Record<string, string | undefined> = {}) {
  return hermeticEnv(f.home, {
    PYENV_ROOT: f.root,
    PATH: `${f.shims}:${f.system}:${SYSTEM_PATH}`,
    ...extra,
  });
}

/**
 * What really runs: execute the shim (pyenv exec) and have the chosen
 * python print sys.executable, which keeps the path pyenv exec'd.
 */
function realInterpreter(f: Fake, shim: string, env: Record<string, string>, cwd: string): string {
  const args = shim.startsWith('python') ? ['-c', 'import sys; print(sys.executable)'] : [];
  return execFileSync(join(f.shims, shim), args, { env, cwd, encoding: 'utf8' }).trim();
}

async function ours(f: Fake, shim: string, env: Record<string, string>, cwd: string) {
  return resolveInterpreter(join(f.shims, shim), {
    env,
    cwd,
    spawnPyenvWhich: async () => {
      throw new Error('must resolve without spawning pyenv');
    },
  });
}

describe('pyenv shim resolution without spawning pyenv, checked against running the shim', () => {
  const cases: {
    name: string;
    setup: (f: Fake) => { env?: Record<string, string | undefined>; cwd?: string };
    expected: (f: Fake) => string;
  }[] = [
    {
      name: 'the global version file',
      setup: () => ({}),
      expected: (f) => join(f.root, 'versions/3.12.1/bin/python3'),
    },
    {
      name: '.python-version in an ancestor of cwd, with a prefix resolved to the latest 3.13',
      setup: (f) => {
        writeFileSync(join(f.project, '.python-version'), '3.13\n');
        return {};
      },
      expected: (f) => join(f.root, 'versions/3.13.0/bin/python3'),
    },
    {
      name: 'several versions: comments skipped, uninstalled and command-less versions passed over',
      setup: (f) => {
        writeFileSync(join(f.project, '.python-version'), '# pinned\n3.10.4\n2.7.18\n3.13.0\n');
        return {};
      },
      expected: (f) => join(f.root, 'versions/3.13.0/bin/python3'),
    },
    {
      name: 'PYENV_VERSION (colon-separated) beats .python-version',
      setup: (f) => {
        writeFileSync(join(f.project, '.python-version'), '3.13.0\n');
        return { env: { PYENV_VERSION: '2.7.18:3.12.1' } };
      },
      expected: (f) => join(f.root, 'versions/3.12.1/bin/python3'),
    },
    {
      name: 'system: the next python3 on PATH after the shims',
      setup: () => ({ env: { PYENV_VERSION: 'system' } }),
      expected: (f) => join(f.system, 'python3'),
    },
    {
      name: 'an empty .python-version means system, not the global file',
      setup: (f) => {
        writeFileSync(join(f.project, '.python-version'), '\n');
        return {};
      },
      expected: (f) => join(f.system, 'python3'),
    },
    {
      name: 'a version without the command falls back to system (pyenv-which always tries it last)',
      setup: () => ({ env: { PYENV_VERSION: '2.7.18' } }),
      expected: (f) => join(f.system, 'python3'),
    },
    {
      // `pyenv exec` (what a shim runs) strips python- through version-name;
      // a bare `pyenv which` with the same PYENV_VERSION would not.
      name: 'python- prefixed names',
      setup: () => ({ env: { PYENV_VERSION: 'python-3.13.0' } }),
      expected: (f) => join(f.root, 'versions/3.13.0/bin/python3'),
    },
  ];

  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const f = fakePyenv();
    const { env: extra, cwd = f.cwd } = c.setup(f);
    const env = envFor(f, extra);
    const real = realInterpreter(f, 'python3', env, cwd);
    expect(real).toBe(c.expected(f));
    const r = await ours(f, 'python3', env, cwd);
    expect(r.interpreter).toBe(real);
    expect(r.pyenvSpawned).toBe(false);
  });

  test('a pip3 shim becomes the version pip3 script, then its shebang', async () => {
    const f = fakePyenv();
    writeFileSync(join(f.project, '.python-version'), '3.13.0\n');
    const env = envFor(f);
    const real = realInterpreter(f, 'pip3', env, f.cwd);
    expect(real).toBe(join(f.root, 'versions/3.13.0/bin/python3'));
    const r = await ours(f, 'pip3', env, f.cwd);
    expect(r.interpreter).toBe(real);
  });

  test('a symlinked copy of the shim dir on PATH is skipped for system too', async () => {
    const f = fakePyenv();
    const alias = join(f.dir, 'shims-alias');
    symlinkSync(f.shims, alias);
    const env = envFor(f, {
      PYENV_VERSION: 'system',
      PATH: `${alias}:${f.shims}:${f.system}:/usr/bin:/bin`,
    });
    const r = await ours(f, 'python3', env, f.cwd);
    expect(r.interpreter).toBe(join(f.system, 'python3'));
  });

  test('gatherFacts probes the interpreter pyenv picked', async () => {
    const f = fakePyenv();
    writeFileSync(join(f.project, '.python-version'), '3.13\n');
    const facts = await gatherFacts({
      tool: { kind: 'pip', name: 'pip3', path: join(f.shims, 'pip3') },
      env: envFor(f),
      cwd: f.cwd,
      cacheDir: null,
      exclude: [],
    });
    expect(facts.interpreter?.executable).toBe(join(f.root, 'versions/3.13.0/bin/python3'));
    expect(facts.interpreter?.version).toEqual([3, 13, 0]);
    expect(facts.debug?.pyenvSpawned).toBe(false);
  });
});

describe('pyenv fallback', () => {
  test('when in-process resolution finds nothing, `pyenv which` is spawned and that is recorded', async () => {
    const f = fakePyenv();
    const env = envFor(f, { PYENV_VERSION: '9.9', PATH: `${f.shims}:/nowhere` });
    const seen: string[] = [];
    const r = await resolveInterpreter(join(f.shims, 'python3'), {
      env,
      cwd: f.cwd,
      spawnPyenvWhich: async (shim, e, cwd) => {
        seen.push(`${shim.name} ${shim.root} ${e.PYENV_VERSION} ${cwd}`);
        return join(f.root, 'versions/3.12.1/bin/python3');
      },
    });
    expect(seen).toEqual([`python3 ${f.root} 9.9 ${f.cwd}`]);
    expect(r.pyenvSpawned).toBe(true);
    expect(r.interpreter).toBe(join(f.root, 'versions/3.12.1/bin/python3'));
    expect(r.steps.join('\n')).toMatch(/spawned pyenv which/);
  });

  test('the real `pyenv which` is spawned and its failure means no interpreter', async () => {
    const f = fakePyenv();
    const env = envFor(f, { PYENV_VERSION: '9.9', PATH: `${f.shims}:/nowhere:/usr/bin:/bin` });
    // /usr/bin/python3 exists, so hide it: a PATH where system has no python3.
    env.PATH = `${f.shims}:/nowhere`;
    const r = await resolveInterpreter(join(f.shims, 'python3'), { env, cwd: f.cwd });
    expect(r.pyenvSpawned).toBe(true);
    expect(r.interpreter).toBeNull();
  });
});
