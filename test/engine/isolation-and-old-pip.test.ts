import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { giveToNobody, MAIN, openForNobody, pipwarden, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON, pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv, sitePackages } from '../helpers/venv.js';
import { pathWith, world } from './fixtures.js';

const asRoot = process.getuid?.() === 0;

const notRoot = needs('root', asRoot);
const canSetpriv = asRoot && existsSync(DEBIAN_PYTHON);
const noSetpriv = needs('root (setpriv) and /usr/bin/python3', canSetpriv);

// pip's isolation is not pipwarden's guess: config is ignored only with the
// exact token `--isolated` ("--isolated" in cmd_args, pip/_internal/cli/
// main.py), and pip's main parser reads PIP_PYTHON even then
// (cli/main_parser.py). Run as nobody against a root-owned venv, where
// pipwarden's notWritable would otherwise add --user and break the call.
describe.skipIf(noSetpriv)('pip isolation rules (run as nobody)', () => {
  function setup() {
    const w = world();
    openForNobody(w.root, w.wheels);
    const venv = makeVenv(DEBIAN_PYTHON, join(w.root, 'venv'), { systemSitePackages: true });
    mkdirSync(w.home, { recursive: true });
    giveToNobody(w.home);
    const env = (extra: Record<string, string> = {}) =>
      w.env({ PATH: pathWith(join(venv, 'bin')), VIRTUAL_ENV: venv, ...extra });
    return { w, venv, env };
  }

  it('PIP_TARGET with --isol (an abbreviation): config still applies, so nothing is added', () => {
    const { w, env } = setup();
    const target = join(w.root, 'target');
    mkdirSync(target);
    giveToNobody(target);
    const args = ['pip', 'install', '--isol', ...w.installArgs.slice(1)];
    const e = env({ PIP_TARGET: target });
    const plan = JSON.parse(
      pipwarden(['explain', '--json', '--', ...args], { env: e, asNobody: true }).stdout,
    );
    expect(plan.action).toBe('pass');
    const r = pipwarden(['run', '--', ...args], { env: e, asNobody: true });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(target, 'pwdemo', '__init__.py'))).toBe(true);
    expect(existsSync(join(w.home, '.local', 'lib'))).toBe(false);
  });

  it('PIP_PYTHON with --isolated: pip still re-executes under it, so nothing is added', () => {
    const { w, env } = setup();
    const other = makeVenv(DEBIAN_PYTHON, join(w.root, 'other'));
    execFileSync('chown', ['-R', '65534:65534', other]);
    const e = env({ PIP_PYTHON: join(other, 'bin', 'python') });
    const args = ['pip', '--isolated', ...w.installArgs];
    const r = pipwarden(['run', '--', ...args], { env: e, asNobody: true });
    expect(r.stderr).not.toContain("Can not perform a '--user' install");
    expect(r.status, r.stderr).toBe(0);
    expect(installedIn(other, 'pwdemo')).toBe(true);
    expect(existsSync(join(w.home, '.local', 'lib'))).toBe(false);
  });
});

// pip < 20.0 has no "Defaulting to user installation" (pypa/pip#1668): on a
// site-packages it cannot write it fails. onNotWritable: user must not add
// --user there: pip alone would never install into ~/.local. The venv's
// site-packages is made read-only with a bind mount in a private mount
// namespace (root gets EROFS, as nobody would get EACCES).
const py36 = pyenvPython('3.6');
const noPy36 = needs('pyenv Python 3.6', py36);
describe.skipIf(notRoot || noPy36)('pip 18.1 on a read-only site-packages', () => {
  it('pipwarden adds no --user: the call fails as pip alone fails, nothing lands in ~/.local', () => {
    const w = world();
    const venv = makeVenv(py36 as string, join(w.root, 'venv'), { systemSitePackages: true });
    const sp = sitePackages(venv);
    const env = w.env({ PATH: pathWith(join(venv, 'bin')), VIRTUAL_ENV: venv });
    const readOnly = (argv: string[]) =>
      runCommand(
        [
          'unshare',
          '-m',
          'sh',
          '-c',
          `mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"`,
          sp,
          ...argv,
        ],
        { env },
      );
    const direct = readOnly(['pip', ...w.installArgs]);
    expect(direct.status).not.toBe(0);
    expect(direct.stdout + direct.stderr).not.toContain('Defaulting to user installation');

    const r = readOnly([process.execPath, MAIN, 'run', '--', 'pip', ...w.installArgs]);
    expect(r.stderr).toContain('has no user-site fallback');
    expect(r.status).toBe(direct.status);
    expect(existsSync(join(w.home, '.local', 'lib'))).toBe(false);
    expect(readdirSync(sp)).not.toContain('pwdemo');
  });
});
