import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWith, world } from '../engine/fixtures.js';
import { pipwarden } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { makeVenv } from '../helpers/venv.js';

const py = pyenvPython('3.12');

const noPy = needs('pyenv Python 3.12', py);

describe.skipIf(noPy)('pipwarden explain', () => {
  it('prints the plan for people: action, env, command, facts, reasons with sources', () => {
    const w = world();
    const venv = makeVenv(py as string, join(w.root, 'venv'), { withoutPip: true });
    // pyenv 3.12's own pip (23.2.1) after the venv: one that can run under
    // 3.12 (Debian's pip 23.0.1 cannot: its pkg_resources needs ImpImporter).
    const env = w.env({
      PATH: pathWith(join(venv, 'bin'), dirname(py as string)),
      VIRTUAL_ENV: venv,
      PIP_USER: '1',
    });
    const r = pipwarden(['explain', '--', 'python3', '-I', '-m', 'pip', 'install', 'x'], { env });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('action:  rewrite');
    expect(lines).toContain('env:     PIP_USER=0');
    // The venv has no pip: another pip drives it with --python (fidelity #4;
    // this line used to expect `python3 -I -m pip`, which fails there).
    expect(r.stdout).toMatch(
      new RegExp(`^command: \\S+/pip3? --python ${join(venv, 'bin', 'python3')} install x$`, 'm'),
    );
    expect(r.stdout).toMatch(
      /^python: {2}.*\(Python 3\.12\.\d+, venv .*, site-packages writable, no pip\)$/m,
    );
    expect(r.stdout).toMatch(/^ {2}userInVenv → env \[default\]: installing into the venv/m);
    expect(r.stdout).toContain('prints (stderr):');
  });

  it('bad input: one line naming the argument, the next step, exit 64; pip never runs', () => {
    const w = world();
    const env = w.env();
    const unknown = pipwarden(['explain', '--jsn', '--', 'pip', 'install', 'x'], { env });
    expect(unknown.status).toBe(64);
    expect(unknown.stderr).toBe(
      'pipwarden: error: explain: unknown option --jsn; did you mean --json?\npipwarden: next: pipwarden explain --help lists its options\n',
    );
    const notPip = pipwarden(['run', '--', 'pipx', 'install', 'x'], { env });
    expect(notPip.status).toBe(64);
    expect(notPip.stderr).toMatch(
      /^pipwarden: error: "pipx" is not pip, pip3, pip3\.X, python, python3 or python3\.X\npipwarden: next: /,
    );
  });

  it('a bad config value: file and key named, exit 78, no stack trace', () => {
    const w = world();
    const org = join(w.root, 'etc-pipwarden');
    mkdirSync(org);
    writeFileSync(join(org, 'config.yaml'), 'onNotWritable: usr\n');
    const r = pipwarden(['explain', '--', 'pip', 'install', 'x'], { env: w.env() });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain(`${join(org, 'config.yaml')}: onNotWritable: expected one of`);
    expect(r.stderr).toContain('(did you mean "user"?)');
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
  });

  it('a bad --set flag or PIPWARDEN_* variable is a usage error named as such: exit 64, no file', () => {
    const w = world();
    const run = (args: string[], extra: Record<string, string> = {}) => {
      const r = pipwarden(['explain', ...args, '--', 'pip', 'install', 'x'], { env: w.env(extra) });
      return { status: r.status, lines: r.stderr.trim().split('\n') };
    };
    const flagNext =
      'pipwarden: next: fix the flag named above: --set KEY=VALUE (docs/config.md lists every key and its values)';
    expect(run(['--set', 'foo=bar'])).toEqual({
      status: 64,
      lines: ['pipwarden: error: --set foo=bar: "foo" is not a config key', flagNext],
    });
    // A key without =VALUE: said so, not "did you mean onNoEnv?".
    expect(run(['--set', 'onNoEnv'])).toEqual({
      status: 64,
      lines: ['pipwarden: error: --set onNoEnv: no value; expected --set onNoEnv=VALUE', flagNext],
    });
    expect(run(['--set', 'onNoEnvv=venv']).lines[0]).toBe(
      'pipwarden: error: --set onNoEnvv=venv: "onNoEnvv" is not a config key (did you mean onNoEnv?)',
    );
    expect(run([], { PIPWARDEN_ON_NO_ENV: 'venvv' })).toEqual({
      status: 64,
      lines: [
        'pipwarden: error: $PIPWARDEN_ON_NO_ENV: onNoEnv: expected one of pip|venv|refuse|prompt, got "venvv" (did you mean "venv"?)',
        'pipwarden: next: fix or unset the variable named above (docs/config.md lists every key and its values), or bypass pipwarden once with PIPWARDEN_DISABLE=1',
      ],
    });
  });
});
