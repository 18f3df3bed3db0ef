import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { CAN_RUN, type HostileWorld, hostileWorld, pipwardenLines } from './support.js';

// Issue 16, defect 1: a cloned repository, the default user config, no
// `pipwarden trust`. Its pyproject.toml asks for the venv action, and it
// ships a `.venv/` of its own. `pip install x` used to run the repository's
// `.venv/bin/python` (directly, or through `pip --python`). Real Debian pip
// (externally managed), through the real shims, as root and as nobody.
const canRun = CAN_RUN;
const PY = 'python3.11';

function write(path: string, text: string, mode = 0o644): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, mode);
}

/** A script that leaves `<marks>/<name>` when anything runs it. */
const plant = (w: HostileWorld, name: string) =>
  `#!/bin/sh\necho "$0 $*" > ${w.marks}/${name}\nexit 0\n`;

function repo(w: HostileWorld, name: string, toml = ''): string {
  const dir = join(w.root, name);
  write(
    join(dir, 'pyproject.toml'),
    `[project]\nname = "x"\n[tool.pipwarden]\nonNoEnv = "venv"\nonExternallyManaged = "venv"\n${toml}`,
  );
  return dir;
}

/** `.venv/` as a repository would ship it: a pyvenv.cfg, scripts for python and pip, a pip package. */
function fakeVenv(w: HostileWorld, venv: string, withPip = true): void {
  write(join(venv, 'pyvenv.cfg'), 'home = /usr/bin\ninclude-system-site-packages = false\n');
  write(join(venv, 'bin', 'python'), plant(w, 'bin-python'), 0o755);
  write(join(venv, 'bin', PY), plant(w, 'bin-python3.11'), 0o755);
  if (withPip) {
    write(join(venv, 'bin', 'pip'), plant(w, 'bin-pip'), 0o755);
    write(join(venv, 'lib', PY, 'site-packages', 'pip', '__init__.py'), '');
  }
}

const trees: [string, (w: HostileWorld) => string][] = [
  [
    'a fake .venv whose bin/python is a script',
    (w) => {
      const dir = repo(w, 'script');
      fakeVenv(w, join(dir, '.venv'));
      return dir;
    },
  ],
  [
    'a fake .venv without pip (the pip --python path)',
    (w) => {
      const dir = repo(w, 'pipless');
      fakeVenv(w, join(dir, '.venv'), false);
      return dir;
    },
  ],
  [
    "a real interpreter whose pyvenv.cfg home points into the repo (the repo's stdlib)",
    (w) => {
      const dir = repo(w, 'home');
      const venv = join(dir, '.venv');
      write(join(venv, 'pyvenv.cfg'), `home = ${dir}/evil/bin\n`);
      mkdirSync(join(venv, 'bin'), { recursive: true });
      symlinkSync(DEBIAN_PYTHON, join(venv, 'bin', 'python'));
      const lib = join(dir, 'evil', 'lib', PY);
      write(join(lib, 'os.py'), '');
      write(
        join(lib, 'encodings', '__init__.py'),
        `import posix\nposix.open(${JSON.stringify(`${w.marks}/stdlib`)}, 0o101, 0o666)\nposix._exit(0)\n`,
      );
      return dir;
    },
  ],
  [
    'a real interpreter with a .pth in the repo venv',
    (w) => {
      const dir = repo(w, 'pth');
      const venv = join(dir, '.venv');
      write(join(venv, 'pyvenv.cfg'), 'home = /usr/bin\ninclude-system-site-packages = false\n');
      mkdirSync(join(venv, 'bin'), { recursive: true });
      symlinkSync(DEBIAN_PYTHON, join(venv, 'bin', 'python'));
      const site = join(venv, 'lib', PY, 'site-packages');
      write(join(site, 'zz.pth'), `import os; open(${JSON.stringify(`${w.marks}/pth`)}, 'w')\n`);
      write(join(site, 'pip', '__init__.py'), '');
      return dir;
    },
  ],
  [
    'venv.path into the tree',
    (w) => {
      const dir = repo(w, 'path', '[tool.pipwarden.venv]\npath = "tools/env"\n');
      fakeVenv(w, join(dir, 'tools', 'env'));
      return dir;
    },
  ],
];

describe.skipIf(!canRun)('a cloned repo cannot make pipwarden run its venv', () => {
  for (const asNobody of [false, true]) {
    const who = asNobody ? 'nobody' : 'root';
    describe(who, () => {
      it.each(trees)('%s: refused in one line, nothing of it runs', async (_name, build) => {
        const w = hostileWorld(asNobody);
        const dir = build(w);
        w.own(dir);
        const r = await w.pip(dir, ['install', '--no-index', '--find-links', w.wheels, 'pwdemo']);
        expect(w.ran(), r.stderr).toEqual([]);
        expect(r.timedOut).toBe(false);
        expect(r.status, r.stderr).toBe(77);
        const lines = pipwardenLines(r.stderr);
        expect(lines, r.stderr).toHaveLength(1);
        expect(lines[0]).toContain('pipwarden will not run its python');
        expect(r.stderr).toContain('pipwarden: next: if you made that venv, run: pipwarden trust');
      });
    });
  }

  it('a venv pipwarden made is used on the next call too (root and nobody)', async () => {
    for (const asNobody of [false, true]) {
      const w = hostileWorld(asNobody);
      const dir = repo(w, 'fresh');
      w.own(dir);
      const args = ['install', '--no-index', '--find-links', w.wheels, 'pwdemo'];
      const first = await w.pip(dir, args);
      expect(first.status, first.stderr).toBe(0);
      expect(installedIn(join(dir, '.venv'), 'pwdemo')).toBe(true);
      const again = await w.pip(dir, [...args, '--force-reinstall']);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stderr).toContain('installing into the venv');
    }
  });

  it('a venv the user made is used once they trust it; replacing its pyvenv.cfg revokes that', async () => {
    const w = hostileWorld(false);
    const dir = repo(w, 'mine');
    makeVenv(DEBIAN_PYTHON, join(dir, '.venv'));
    const args = ['install', '--no-index', '--find-links', w.wheels, 'pwdemo'];
    expect((await w.pip(dir, args)).status).toBe(77);
    expect(w.cli(dir, ['trust', '.venv']).status).toBe(0);
    const r = await w.pip(dir, args);
    expect(r.status, r.stderr).toBe(0);
    expect(installedIn(join(dir, '.venv'), 'pwdemo')).toBe(true);
    const cfg = join(dir, '.venv', 'pyvenv.cfg');
    const text = readFileSync(cfg, 'utf8');
    rmSync(cfg);
    writeFileSync(cfg, text);
    expect((await w.pip(dir, [...args, '--force-reinstall'])).status).toBe(77);
  });
});
