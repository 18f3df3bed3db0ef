import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPyvenvCfg } from '../../src/io/interpreter/pyvenv-cfg.js';
import { readBounded } from '../../src/io/read-bounded.js';
import { tempDir } from '../helpers/tmp.js';
import { CAN_RUN, hostileWorld, pipwardenLines } from './support.js';

// Issue 16, defect 7: `pyproject.toml → /dev/zero` grew the engine to 16 GB
// and aborted; `.pipwardenrc.json → /dev/urandom` never ended. Every run here
// lives under a 1 GB address-space cap and a 60 s clock (support.ts).
const canRun = CAN_RUN;

type Plant = (dir: string) => void;
const link =
  (name: string, target: string): Plant =>
  (dir) =>
    symlinkSync(target, join(dir, name));
const fifo =
  (name: string): Plant =>
  (dir) =>
    execFileSync('mkfifo', [join(dir, name)]);
const huge =
  (name: string, head: string): Plant =>
  (dir) => {
    writeFileSync(join(dir, name), head);
    truncateSync(join(dir, name), 100 * 1024 * 1024);
  };

// [what, plant, exit code, the file the one line names]
const cases: [string, Plant, number | 'pip', string][] = [
  ['pyproject.toml → /dev/zero', link('pyproject.toml', '/dev/zero'), 'pip', 'pyproject.toml'],
  ['pyproject.toml, 100 MB', huge('pyproject.toml', '[tool.pipwarden]\n'), 'pip', 'pyproject.toml'],
  ['pyproject.toml, a FIFO', fifo('pyproject.toml'), 'pip', 'pyproject.toml'],
  [
    '.pipwardenrc.json → /dev/urandom',
    link('.pipwardenrc.json', '/dev/urandom'),
    78,
    '.pipwardenrc.json',
  ],
  ['.pipwardenrc.yaml, a FIFO', fifo('.pipwardenrc.yaml'), 78, '.pipwardenrc.yaml'],
  [
    '.pipwardenrc.toml, 100 MB',
    huge('.pipwardenrc.toml', 'notices = true\n'),
    78,
    '.pipwardenrc.toml',
  ],
  ['.pipwardenrc → /dev/zero', link('.pipwardenrc', '/dev/zero'), 78, '.pipwardenrc'],
  [
    'pipwarden.config.yml, a symlink loop',
    link('pipwarden.config.yml', 'pipwarden.config.yml'),
    78,
    'pipwarden.config.yml',
  ],
];

describe.skipIf(!canRun)('configs that are not regular files, or too large', () => {
  for (const asNobody of [false, true]) {
    it.each(cases)(
      `${asNobody ? 'nobody' : 'root'}: %s: one line, no hang`,
      async (_what, plant, code, file) => {
        const w = hostileWorld(asNobody);
        const dir = join(w.root, 'repo');
        mkdirSync(dir);
        plant(dir);
        w.own(dir);
        const r = await w.pip(dir, ['install', '--no-index', '--find-links', w.wheels, 'pwdemo']);
        expect(r.timedOut).toBe(false);
        expect(r.signal).toBeNull();
        expect(r.stderr).not.toMatch(/\n\s+at |RangeError|heap out of memory/);
        // Debian's python3 is externally managed: pipwarden's own refusal of it is no fault's line.
        const lines = pipwardenLines(r.stderr).filter(
          (l) => !l.includes('externally managed (PEP 668)'),
        );
        expect(lines, r.stderr).toHaveLength(1);
        expect(lines[0]).toContain(file);
        expect(lines[0]).toMatch(/not a regular file|larger than 1 MiB/);
        // The call goes on as without the file (77: pipwarden's externally managed refusal), or stops (78).
        expect(r.status).toBe(code === 'pip' ? 77 : code);
      },
    );
  }
});

describe('readBounded', () => {
  it('reads a regular file, through a symlink too', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'f'), 'home = /usr/bin\n');
    symlinkSync(join(dir, 'f'), join(dir, 'l'));
    for (const p of ['f', 'l']) {
      const r = readBounded(join(dir, p), 1024);
      expect(r.ok && r.bytes.toString()).toBe('home = /usr/bin\n');
    }
  });
  it('turns away devices, FIFOs, loops and oversize files without reading them', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    symlinkSync(join(dir, 'loop'), join(dir, 'loop'));
    writeFileSync(join(dir, 'big'), 'x'.repeat(2048));
    const problem = (p: string) => {
      const r = readBounded(p, 1024);
      return r.ok ? 'ok' : r.problem;
    };
    expect(problem('/dev/zero')).toBe('not-regular');
    expect(problem('/dev/urandom')).toBe('not-regular');
    expect(problem(join(dir, 'fifo'))).toBe('not-regular');
    expect(problem(join(dir, 'loop'))).toBe('not-regular');
    expect(problem(join(dir, 'big'))).toBe('too-large');
    expect(problem(dir)).toBe('directory');
    expect(problem(join(dir, 'missing'))).toBe('missing');
  });
  it('a pyvenv.cfg that is a device or a FIFO counts as absent', () => {
    const dir = tempDir();
    symlinkSync('/dev/zero', join(dir, 'pyvenv.cfg'));
    expect(readPyvenvCfg(dir)).toBeNull();
  });
});
