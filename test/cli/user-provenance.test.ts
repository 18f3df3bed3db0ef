import { appendFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWith, world } from '../engine/fixtures.js';
import { pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { buildWheel } from '../helpers/wheel.js';

const py = pyenvPython('3.12');

const noPy = needs('pyenv Python 3.12', py);

// pyenv's 3.12 itself (a venv has no user site), HOME in a temp dir: both
// installs land in <tmp>/home/.local, and the audit log in its state dir.
describe.skipIf(noPy)('pipwarden user list: which pip command put each package there', () => {
  const bin = dirname(py as string);

  it('names the command pipwarden saw, says "not seen" for plain pip, and survives a bad log', () => {
    const w = world();
    const other = buildWheel(w.wheels, 'Pw_Other', '0.2');
    const env = w.env({ PATH: pathWith(bin) });
    const log = join(w.home, '.local', 'state', 'pipwarden', 'audit.log');
    const site = join(w.home, '.local', 'lib', 'python3.12', 'site-packages');
    const wheel = './wheels/pwdemo-0.1-py2.py3-none-any.whl';

    const seen = pipwarden(['run', '--', 'pip', 'install', '--user', '--no-index', wheel], {
      env,
      cwd: w.root,
    });
    expect(seen.status, seen.stderr).toBe(0);
    // pip itself, no pipwarden anywhere on the way.
    const plain = runCommand([join(bin, 'pip'), 'install', '--user', '--no-index', other], { env });
    expect(plain.status, plain.stderr).toBe(0);

    // The record now sits in the rotated file; the live one starts torn and foreign.
    renameSync(log, `${log}.1`);
    appendFileSync(log, '{"time":"2026-11-22T10:0\nnot json at all\n{"level":"info"}\n');

    const list = pipwarden(['user', 'list'], { env });
    expect(list.status, list.stderr).toBe(0);
    expect(list.stderr).toBe('');
    const [head, ...lines] = list.stdout.split('\n');
    expect(head).toBe(`user site: ${site} (2 package(s))`);
    // pip list's order: Pw_Other sorts before pwdemo.
    expect(lines[1]).toMatch(
      new RegExp(
        `^  pwdemo 0\\.1  pip install --user --no-index ${wheel.replaceAll('.', '\\.')}  \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, in ${w.root}\\)$`,
      ),
    );
    expect(lines[0]).toBe('  Pw_Other 0.2  (not seen by pipwarden)');

    const json = JSON.parse(pipwarden(['user', 'list', '--json'], { env }).stdout);
    const [other2, demo] = json.userSite.packages;
    expect(demo.installedBy).toMatchObject({
      argv: ['pip', 'install', '--user', '--no-index', wheel],
      cwd: w.root,
    });
    expect(demo.installedBy.final[0]).toMatch(/\/pip[0-9.]*$/);
    expect(demo.installedBy.final.slice(1)).toEqual(['install', '--user', '--no-index', wheel]);
    expect(other2).toEqual({ name: 'Pw_Other', version: '0.2', installedBy: null });

    // A log that cannot be read costs one line on stderr, never the listing.
    rmSync(log);
    mkdirSync(log);
    const bad = pipwarden(['user', 'list'], { env });
    expect(bad.status).toBe(0);
    expect(bad.stderr).toBe(
      `pipwarden: user list: cannot read the audit log ${log} (not a file): install commands not shown; next: check that file's type, owner and mode\n`,
    );
    expect(bad.stdout).toContain('  pwdemo 0.1  pip install --user');

    // No log at all: every package is "not seen", and nothing is said.
    rmSync(log, { recursive: true });
    rmSync(`${log}.1`);
    const none = pipwarden(['user', 'list'], { env });
    expect(none.status).toBe(0);
    expect(none.stderr).toBe('');
    expect(none.stdout).toContain('  pwdemo 0.1  (not seen by pipwarden)\n');
  });
});
