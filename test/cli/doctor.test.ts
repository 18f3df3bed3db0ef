import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/cli/doctor/report.js';
import { pathWith, world } from '../engine/fixtures.js';
import { pipwarden } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON, pyenvPython } from '../helpers/pythons.js';
import { makeVenv } from '../helpers/venv.js';

const py = pyenvPython('3.12');

const noPy = needs('pyenv Python 3.12', py);

describe.skipIf(noPy)('pipwarden doctor', () => {
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
    // A venv without pip: `pip` is Debian's, and doctor says so rather than guessing.
    expect(notFirst.stdout).toMatch(/python3 +1\. .*venv\/bin\/python3 → /);
    expect(notFirst.stdout).toMatch(
      /python +\/usr\/bin\/python3 \(Python 3\.\d+\.\d+, system, pip /,
    );
    expect(notFirst.stdout).toContain('not caught by a pipwarden shim');

    const routed = w.env({ PATH: pathWith(shims, join(venv, 'bin')) });
    const shim = join(shims, 'python3');
    writeFileSync(shim, readFileSync(shim, 'utf8').replace(/version=[^ ]+/, 'version=0.0.0-old'));
    const r = pipwarden(['doctor', '--json'], { env: routed });
    const report = JSON.parse(r.stdout) as DoctorReport;
    expect(report.checks).toContainEqual(
      expect.objectContaining({
        status: 'ok',
        what: expect.stringContaining('the shim dir is first on PATH'),
      }),
    );
    expect(report.checks).toContainEqual(
      expect.objectContaining({
        status: 'warn',
        what: expect.stringContaining('written by another pipwarden version (python3)'),
        next: 'pipwarden rehash',
      }),
    );
    const python3 = report.path.find((p) => p.name === 'python3');
    expect(python3?.caught).toBe(true);
    expect(python3?.hits[0]?.path).toBe(join(shims, 'python3'));
    expect(python3?.resolvesTo).toBe(join(venv, 'bin', 'python3'));
    expect(report.pipwarden.shimDirFirstOnPath).toBe(true);
    expect(report.checks).toContainEqual({
      status: 'ok',
      what: `plan cache: 0 entries in ${report.pipwarden.planCache.dir}`,
    });
    const off = pipwarden(['doctor'], { env: { ...routed, PIPWARDEN_PLAN_CACHE: '0' } });
    expect(off.stdout).toContain('warn the plan cache is off (PIPWARDEN_PLAN_CACHE=0)');
    expect(off.stdout).toContain('next: unset PIPWARDEN_PLAN_CACHE');
  });

  it('reports PIP_USER, invalid pip.conf values with their files, and the user bin dir', () => {
    const w = world();
    const venv = makeVenv(py as string, join(w.root, 'venv'));
    const conf = join(w.root, 'pip.conf');
    writeFileSync(conf, '[install]\nuser = maybe\n');
    const env = w.env({
      PATH: pathWith(join(venv, 'bin')),
      VIRTUAL_ENV: venv,
      PIP_CONFIG_FILE: conf,
      PIP_USER: '1',
    });
    const r = pipwarden(['doctor', '--json'], { env });
    const report = JSON.parse(r.stdout) as DoctorReport;
    expect(report.pipSettings.invalid).toContainEqual(
      expect.objectContaining({
        key: 'user',
        value: 'maybe',
        source: expect.objectContaining({ where: conf }),
      }),
    );
    expect(report.checks).toContainEqual(
      expect.objectContaining({
        status: 'fail',
        what: expect.stringContaining(`${conf} [install]: user = maybe`),
      }),
    );
    expect(r.status).toBe(1);
    expect(report.checks).toContainEqual(
      expect.objectContaining({
        what: expect.stringContaining('user mode is on (PIP_USER) inside a venv'),
        next: 'unset PIP_USER',
      }),
    );
    // The text view shows the same facts.
    const text = pipwarden(['doctor'], { env: { ...env, NO_COLOR: '1' } });
    expect(text.stdout).toContain('invalid');
    expect(text.stdout).not.toContain('\u001b[');
    expect(text.stdout).toMatch(/active env +venv /);
    const forced = pipwarden(['doctor'], { env: { ...env, FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
  });

  it('says "open a new shell" when the rc line is already there, never "add it"', () => {
    const w = world();
    mkdirSync(w.home, { recursive: true });
    writeFileSync(join(w.home, '.bashrc'), 'eval "$(pipwarden init bash)"\n');
    const r = pipwarden(['doctor', '--json'], { env: w.env({ SHELL: '/bin/bash' }) });
    const report = JSON.parse(r.stdout) as DoctorReport;
    const hook = report.checks.find((c) => c.what.includes('not first on PATH'));
    expect(hook?.next).toContain(
      `${join(w.home, '.bashrc')} already runs pipwarden init: open a new shell`,
    );
  });

  it('zsh: says to add compinit when ~/.zshrc does not run it', () => {
    const w = world();
    mkdirSync(w.home, { recursive: true });
    writeFileSync(join(w.home, '.zshrc'), 'eval "$(pipwarden init zsh)"\n');
    const env = w.env({ SHELL: '/usr/bin/zsh' });
    const without = JSON.parse(pipwarden(['doctor', '--json'], { env }).stdout) as DoctorReport;
    expect(without.checks).toContainEqual(
      expect.objectContaining({
        status: 'warn',
        next: 'add autoload -Uz compinit && compinit before the pipwarden init line in ~/.zshrc',
      }),
    );
    writeFileSync(
      join(w.home, '.zshrc'),
      'autoload -Uz compinit && compinit\neval "$(pipwarden init zsh)"\n',
    );
    const with_ = JSON.parse(pipwarden(['doctor', '--json'], { env }).stdout) as DoctorReport;
    expect(with_.pipwarden.zshCompinit).toBe(true);
    expect(with_.checks.some((c) => c.what.includes('compinit'))).toBe(false);
  });

  it('on an externally managed Python: PEP 668 status and the venv fix', () => {
    const w = world();
    const r = pipwarden(['doctor', '--json'], {
      env: w.env({ PATH: pathWith('/usr/bin'), PIPWARDEN_SHIM_DIR: join(w.root, 'none') }),
    });
    const report = JSON.parse(r.stdout) as DoctorReport;
    expect(report.pip.interpreter?.externallyManaged).toMatch(/EXTERNALLY-MANAGED$/);
    expect(report.pip.interpreter?.executable).toMatch(/^\/usr\/bin\/python3/);
    expect(report.checks).toContainEqual(
      expect.objectContaining({ what: expect.stringContaining('externally managed (PEP 668)') }),
    );
    expect(DEBIAN_PYTHON).toBe('/usr/bin/python3');
  });
});
