import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toolOf } from '../../src/core/call.js';
import { renderShim, SHIM_DIR_MARKER } from '../../src/core/render/shim.js';
import { findShimLoops } from '../../src/io/shims/shim-loops.js';
import { MAIN } from '../helpers/cli.js';
import { hermeticEnv, SYSTEM_PATH } from '../helpers/env.js';
import { needs } from '../helpers/prereq.js';
import { tempDir } from '../helpers/tmp.js';
import { runBounded } from './support/bounded.js';
import { fakeWorld, writeExecutable } from './support/fake-shims.js';

// Issue 6, defect 1: a shim manager that falls back to PATH (pyenv's
// `system` fallback, asdf, mise) finds pipwarden's shim again when it has no
// such command of its own. Without the re-entry marker each of these spins
// or grows a process chain; every run here is bounded and its whole process
// group is killed, so a regression fails instead of hanging.

const PYENV = '/root/.pyenv';
const hasPyenv =
  existsSync(join(PYENV, 'libexec', 'pyenv')) && existsSync(join(PYENV, 'versions', '3.11.7'));
const noPyenv = needs('pyenv at /root/.pyenv with Python 3.11.7', hasPyenv);
const NOT_FOUND = /^pipwarden: (\S+): command not found\n/;

function writeShims(dir: string, names: string[]): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, SHIM_DIR_MARKER), '');
  for (const name of names) {
    const kind = toolOf(name);
    if (kind === null) throw new Error(name);
    const text = renderShim({
      kind,
      name,
      shimDir: dir,
      node: process.execPath,
      main: MAIN,
      version: '0.0.0-test',
    });
    writeExecutable(join(dir, name), text);
  }
  return dir;
}

const NAMES = [
  'python',
  'python3',
  'python3.9',
  'python3.10',
  'python3.11',
  'python3.12',
  'pip',
  'pip3',
  'pip3.7',
  'pip3.10',
  'pip3.11',
];

describe.skipIf(noPyenv)('with the real pyenv (PYENV_ROOT=/root/.pyenv)', () => {
  const world = (extra: Record<string, string | undefined> = {}) => {
    const root = tempDir('pipwarden-reentry-');
    const shims = writeShims(join(root, 'shims'), NAMES);
    const cwd = join(root, 'work');
    mkdirSync(cwd);
    const env = hermeticEnv(join(root, 'home'), {
      PYENV_ROOT: PYENV,
      PATH: `${shims}:${PYENV}/shims:${SYSTEM_PATH}`,
      ...extra,
    });
    return { root, shims, cwd, env };
  };

  it('global 3.11.7: python3.10 --version ends at once with 127 and names the command', async () => {
    const w = world();
    const r = await runBounded([join(w.shims, 'python3.10'), '--version'], {
      env: w.env,
      cwd: w.cwd,
    });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(127);
    expect(r.stderr).toMatch(NOT_FOUND);
    expect(r.stderr).toContain('python3.10: command not found');
  });

  it('the engine path (python3.10 -m pip install, pip3.10 install) ends with 127 too, not a probe error', async () => {
    const w = world();
    for (const argv of [
      ['python3.10', '-m', 'pip', 'install', 'x'],
      ['pip3.10', 'install', 'x'],
    ]) {
      const r = await runBounded([join(w.shims, argv[0]!), ...argv.slice(1)], {
        env: w.env,
        cwd: w.cwd,
      });
      expect({ argv, timedOut: r.timedOut, status: r.status }).toEqual({
        argv,
        timedOut: false,
        status: 127,
      });
      expect(r.stderr).toContain(`${argv[0]}: command not found`);
    }
  });

  it('PIPWARDEN_DISABLE=1 ends the same way (the bypass exec is marked too)', async () => {
    const w = world({ PIPWARDEN_DISABLE: '1' });
    const r = await runBounded([join(w.shims, 'python3.10'), '--version'], {
      env: w.env,
      cwd: w.cwd,
    });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(127);
  });

  it("pip3.7 --version through pyenv's pip-rehash hook (a child of the same-pid wrapper) ends with 127", async () => {
    const w = world();
    const r = await runBounded([join(w.shims, 'pip3.7'), '--version'], { env: w.env, cwd: w.cwd });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(127);
    expect(r.stderr).toContain('pip3.7: command not found');
  });

  it('the selected version still runs, and a child python it starts is intercepted again', async () => {
    const w = world();
    const code =
      'import os, subprocess, sys; print(sys.version.split()[0], flush=True); ' +
      `subprocess.run(["python3.11", "-c", "import os; print(os.environ.get('_PIPWARDEN_EXEC', ''))"])`;
    const r = await runBounded([join(w.shims, 'python3.11'), '-c', code], {
      env: w.env,
      cwd: w.cwd,
    });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(0);
    const [version, marker] = r.stdout.trim().split('\n');
    expect(version).toBe('3.11.7');
    // The child went through the shim (it set its own marker) and reached pyenv's python3.11.
    expect(marker).toMatch(new RegExp(`^\\d+ python3\\.11 ${PYENV}/shims/python3\\.11$`));
    const r2 = await runBounded([join(w.shims, 'pip3.11'), '--version'], {
      env: w.env,
      cwd: w.cwd,
    });
    expect(r2.stdout).toContain('3.11.7/lib/python3.11/site-packages/pip');
  });

  it('pyenv shell (PYENV_VERSION): the selected 3.12 runs, 3.10 ends with 127', async () => {
    const w = world({ PYENV_VERSION: '3.12.1' });
    const ok = await runBounded([join(w.shims, 'python3.12'), '--version'], {
      env: w.env,
      cwd: w.cwd,
    });
    expect(ok.stdout).toBe('Python 3.12.1\n');
    const r = await runBounded([join(w.shims, 'python3.10'), '--version'], {
      env: w.env,
      cwd: w.cwd,
    });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(127);
  });

  it(".python-version in the cwd: 3.9 runs, 3.10 ends with 127, 3.11 goes on to Debian's, as pyenv's fallback would", async () => {
    const w = world();
    writeFileSync(join(w.cwd, '.python-version'), '3.9.18\n');
    const ok = await runBounded([join(w.shims, 'python3.9'), '--version'], {
      env: w.env,
      cwd: w.cwd,
    });
    expect(ok.stdout).toBe('Python 3.9.18\n');
    const r = await runBounded([join(w.shims, 'python3.10'), '--version'], {
      env: w.env,
      cwd: w.cwd,
    });
    expect({ timedOut: r.timedOut, status: r.status }).toEqual({ timedOut: false, status: 127 });
    const code = 'import sys; print(sys.executable)';
    const next = await runBounded([join(w.shims, 'python3.11'), '-c', code], {
      env: w.env,
      cwd: w.cwd,
    });
    expect({ timedOut: next.timedOut, stdout: next.stdout }).toEqual({
      timedOut: false,
      stdout: '/usr/bin/python3.11\n',
    });
  });

  it('doctor names the shims whose real command leads back, and only those', async () => {
    const w = world({ PIPWARDEN_SHIM_DIR: undefined });
    const env = { ...w.env, PIPWARDEN_SHIM_DIR: w.shims };
    const r = await runBounded([process.execPath, MAIN, 'doctor', '--json'], {
      env,
      cwd: w.cwd,
      timeoutMs: 60_000,
    });
    expect(r.timedOut).toBe(false);
    const checks = (JSON.parse(r.stdout) as { checks: unknown }).checks as {
      status: string;
      what: string;
    }[];
    const loop = checks.find((c) => c.what.includes('leads back to'));
    expect(loop?.status).toBe('warn');
    const names = loop?.what.split(': ')[0]?.split(' ');
    expect(names).toEqual(expect.arrayContaining(['python3.10', 'python3.12', 'pip3.7']));
    expect(names).not.toContain('python3.11');
    expect(names).not.toContain('pip3');
  });

  const noVirtualenvPlugin = needs(
    'the pyenv-virtualenv plugin',
    existsSync(join(PYENV, 'plugins', 'pyenv-virtualenv')),
  );
  it.skipIf(noVirtualenvPlugin)(
    'pyenv-virtualenv plugin with a virtualenv selected: python3.10 ends with 127, python3 runs the venv',
    async () => {
      // A PYENV_ROOT of our own that borrows the real versions and plugins,
      // so the virtualenv is made in a temp dir, never in /root/.pyenv.
      const root = tempDir('pipwarden-pyenv-root-');
      mkdirSync(join(root, 'versions'));
      for (const v of readdirSync(join(PYENV, 'versions'))) {
        symlinkSync(join(PYENV, 'versions', v), join(root, 'versions', v));
      }
      symlinkSync(join(PYENV, 'plugins'), join(root, 'plugins'));
      const venv = join(root, 'versions', 'pwtest');
      expect(
        spawnSync(join(PYENV, 'versions', '3.11.7', 'bin', 'python3.11'), [
          '-m',
          'venv',
          '--without-pip',
          venv,
        ]).status,
      ).toBe(0);
      const env0 = hermeticEnv(join(root, 'home'), {
        PYENV_ROOT: root,
        PATH: `${PYENV}/bin:${SYSTEM_PATH}`,
      });
      expect(spawnSync(join(PYENV, 'libexec', 'pyenv'), ['rehash'], { env: env0 }).status).toBe(0);
      const shims = writeShims(join(root, 'pw-shims'), NAMES);
      const env = {
        ...env0,
        PATH: `${shims}:${root}/shims:${SYSTEM_PATH}`,
        PYENV_VERSION: 'pwtest',
      };
      const ok = await runBounded([join(shims, 'python3'), '-c', 'import sys; print(sys.prefix)'], {
        env,
        cwd: root,
      });
      expect(ok.stdout.trim()).toBe(venv);
      const r = await runBounded([join(shims, 'python3.10'), '--version'], { env, cwd: root });
      expect(r.timedOut).toBe(false);
      expect(r.status).toBe(127);
    },
  );
});

/** A shim manager that, lacking a command, runs the next one on PATH without its own dir. */
function fakeManager(dir: string, mode: 'exec' | 'child'): string {
  mkdirSync(dir, { recursive: true });
  const run = mode === 'exec' ? 'exec "$found" "$@"' : '"$found" "$@"; exit $?';
  const text = `#!/bin/sh
name=\${0##*/}
if [ -x "${dir}/own/$name" ]; then exec "${dir}/own/$name" "$@"; fi
found=$(PATH=$(printf %s "$PATH" | sed "s|${dir}:||g") command -v "$name") || {
  echo "fakemgr: $name: command not found" >&2; exit 127; }
${run}
`;
  for (const name of ['python3', 'python3.10', 'pip3']) writeExecutable(join(dir, name), text);
  return dir;
}

describe('with a fake PATH-fallback shim manager', () => {
  for (const mode of ['exec', 'child'] as const) {
    it(`${mode}: a command the manager lacks ends with 127, or goes on to the next one on PATH`, async () => {
      const w = fakeWorld();
      const mgr = fakeManager(join(w.root, 'mgr'), mode);
      const env = { PATH: `${w.shims}:${mgr}:/usr/bin:/bin` };
      let r = await runBounded(['/bin/sh', join(w.shims, 'python3.10'), '-c', 'x'], {
        env,
        cwd: w.root,
      });
      expect({ timedOut: r.timedOut, status: r.status }).toEqual({ timedOut: false, status: 127 });
      expect(r.stderr).toMatch(/^pipwarden: python3\.10: command not found\n/);
      // Something after the manager on PATH: re-entry resumes there, as the manager would have.
      r = await runBounded(['/bin/sh', join(w.shims, 'pip3'), 'list'], {
        env: { PATH: `${w.shims}:${mgr}:${w.real}:/usr/bin:/bin` },
        cwd: w.root,
      });
      expect(r.timedOut).toBe(false);
      expect(r.stdout).toBe(`REAL ${w.real}/pip3\n<list>\n`);
      // The engine path (the fake engine's plan) is marked too.
      r = await runBounded(['/bin/sh', join(w.shims, 'pip3'), 'install', 'x'], {
        env: { PATH: `${w.shims}:${mgr}:${w.real}:/usr/bin:/bin` },
        cwd: w.root,
      });
      expect(r.timedOut).toBe(false);
      expect(r.stdout).toBe(`REAL ${w.real}/pip3\n<install>\n<x>\n`);
    });
  }

  it('findShimLoops reports the names the manager lacks', async () => {
    const w = fakeWorld();
    const mgr = fakeManager(join(w.root, 'mgr'), 'child');
    const loops = await findShimLoops(
      w.shims,
      { PATH: `${w.shims}:${mgr}:${w.real}:/usr/bin:/bin` },
      w.root,
    );
    // The manager has none of these: each comes back, and the shim goes on to w.real.
    expect(loops).toEqual(
      ['pip3', 'python3', 'python3.10'].map((name) => ({
        name,
        real: join(mgr, name),
        next: join(w.real, name),
      })),
    );
    const alone = await findShimLoops(w.shims, { PATH: `${w.shims}:${mgr}:/bin` }, w.root);
    expect(alone.find((l) => l.name === 'python3.10')).toEqual({
      name: 'python3.10',
      real: join(mgr, 'python3.10'),
      next: null,
    });
  });

  it('a command the manager has of its own is not re-entry, and its children are intercepted', async () => {
    const w = fakeWorld();
    const mgr = fakeManager(join(w.root, 'mgr'), 'child');
    mkdirSync(join(mgr, 'own'));
    // The manager's own python3 runs `python3 -c child` as a child: a new call, routed again.
    writeExecutable(
      join(mgr, 'own', 'python3'),
      `#!/bin/sh\necho "OWN $*"\nif [ "$1" = parent ]; then python3 -c child; fi\n`,
    );
    const r = await runBounded(['/bin/sh', join(w.shims, 'python3'), 'parent'], {
      env: { PATH: `${w.shims}:${mgr}:${w.real}:/usr/bin:/bin` },
      cwd: w.root,
    });
    expect(r.timedOut).toBe(false);
    expect(r.stdout).toBe('OWN parent\nOWN -c child\n');
  });
});
