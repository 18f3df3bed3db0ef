import { spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN, type RunResult } from '../helpers/cli.js';
import { SYSTEM_PATH } from '../helpers/env.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON, pyenvPython } from '../helpers/pythons.js';
import { buildWheel } from '../helpers/wheel.js';
import { makeWholeEnv } from '../helpers/whole-env.js';
import { canStage } from './stage.js';

// pip's own backstop (docs/organisations.md): `org apply` puts pip's
// EXTERNALLY-MANAGED marker into a base interpreter in /usr/local, and pip
// itself then refuses every caller, with no shim on the way. All of it in a
// private mount namespace whose /usr, /usr/local, /etc and /var/lib are
// overlays: writes land in the stage, never on the machine.
const PY = pyenvPython('3.12');
const NEW_PY = pyenvPython('3.13');
const DEBIAN_MARKER = '/usr/lib/python3.11/EXTERNALLY-MANAGED';
const ready = canStage && PY && NEW_PY && existsSync(DEBIAN_MARKER) && existsSync(DEBIAN_PYTHON);
const notReady = needs(
  'the org stage (root, unshare, pyenv 3.12 and 3.13, Debian python3 with its marker)',
  ready,
);

const MESSAGE = 'ACME policy: installs go into a venv, conda or pixi env (ask #python-help)';
const ORG_CONFIG = `presets: [venv-only, index-only]
onNoEnv: { action: refuse, message: "${MESSAGE}" }
backstop:
  roots: [/usr/local/pyenv/versions]
`;
const OVERLAID = { usr: '/usr', usrlocal: '/usr/local', etc: '/etc', varlib: '/var/lib' };
// Every path with type, mode, owner and size, and a checksum of every file
// org apply may touch or sits beside one: the tree before apply and after --undo.
const SNAPSHOT = [
  'sh',
  '-c',
  `find /usr/local /etc /var/lib /usr/lib/python3.11 -xdev -maxdepth 3 -printf '%y %m %u %g %s %p\\n' | sort
   find /usr/local /etc /var/lib/pipwarden -xdev -type f -exec md5sum {} + 2>/dev/null | sort
   md5sum /usr/lib/python3*/EXTERNALLY-MANAGED; ls -la /usr/lib/python3.11 | md5sum`,
];

const compile = (dir: string) =>
  spawnSync(PY as string, ['-m', 'compileall', '-q', '-j', '0', dir], { stdio: 'ignore' });

describe.skipIf(notReady)("org apply: pip's own EXTERNALLY-MANAGED backstop (staged)", () => {
  const root = join('/tmp', `pipwarden-org-${process.pid}`);
  const upper = (name: keyof typeof OVERLAID, path = '') => join(root, name, 'upper', path);
  const wheels = join(root, 'wheels');
  const home = join(root, 'home-nobody');
  const rootHome = join(root, 'home-root');
  const enter = join(root, 'enter.sh');
  const newPyStaging = join(root, 'py313');
  const minor = '3.12';
  let before = '';
  let debianMarker = '';

  /** argv in a new namespace over the stage; as nobody when asked. */
  const run = (argv: string[], opts: { nobody?: boolean; env?: Record<string, string> } = {}) => {
    const as = opts.nobody
      ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups']
      : [];
    const r = spawnSync(
      'unshare',
      ['-m', '--propagation', 'private', 'sh', enter, ...as, ...argv],
      {
        // No __pycache__ from the test's own calls: the tree must compare equal after --undo.
        env: opts.env ?? {
          PATH: SYSTEM_PATH,
          HOME: opts.nobody ? home : rootHome,
          LC_ALL: 'C.UTF-8',
          PYTHONDONTWRITEBYTECODE: '1',
        },
        cwd: '/',
        encoding: 'utf8',
        timeout: 180_000,
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    if (r.error) throw r.error;
    return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr } as RunResult;
  };
  const orgApply = (...flags: string[]) => run([process.execPath, MAIN, 'org', 'apply', ...flags]);
  const pipInstall = (argv: string[], nobody = true) =>
    run([...argv, 'install', '--no-index', '--find-links', wheels, 'pwdemo'], { nobody });

  beforeAll(() => {
    const mounts = ['set -e'];
    for (const [name, target] of Object.entries(OVERLAID)) {
      mkdirSync(upper(name as keyof typeof OVERLAID), { recursive: true });
      mkdirSync(join(root, name, 'work'), { recursive: true });
      mounts.push(
        `mount -t overlay pipwarden-org -o lowerdir=${target},upperdir=${upper(name as keyof typeof OVERLAID)},workdir=${join(root, name, 'work')} ${target}`,
      );
    }
    writeFileSync(enter, `${mounts.join('\n')}\nexec "$@"\n`);
    // A Python an admin built into /usr/local (make altinstall): a whole
    // interpreter, world-readable, with pip 23.2.1, its scripts naming it.
    const env = makeWholeEnv(PY as string, upper('usrlocal'), { kind: 'plain', pip: true });
    for (const name of ['pip', 'pip3', `pip${minor}`]) {
      const script = upper('usrlocal', `bin/${name}`);
      writeFileSync(
        script,
        readFileSync(script, 'utf8').replace(/^#!.*$/m, `#!/usr/local/bin/python${minor}`),
      );
    }
    expect(env.minor).toBe(minor);
    // The copy's .py files are newer than their .pyc: compile them once, as
    // an install does, or every pip run compiles all of pip again.
    compile(env.sitePackages);
    // The interpreter a `pyenv install` under the shared root adds later.
    makeWholeEnv(NEW_PY as string, newPyStaging, { kind: 'plain', pip: true });
    mkdirSync(upper('etc', 'pipwarden'), { recursive: true });
    writeFileSync(upper('etc', 'pipwarden/config.yaml'), ORG_CONFIG);
    mkdirSync(wheels);
    buildWheel(wheels, 'pwdemo', '1.0');
    mkdirSync(home);
    chownSync(home, 65534, 65534);
    mkdirSync(rootHome);
    spawnSync('chmod', ['-R', 'a+rX', root]);
    // As after `make install` of a shared libpython: the loader finds it in /usr/local/lib.
    expect(run(['ldconfig']).status).toBe(0);
    before = run(SNAPSHOT).stdout;
    debianMarker = run(['sha256sum', DEBIAN_MARKER]).stdout;
    expect(before).toContain(`/usr/local/bin/python${minor}`);
  }, 300_000);

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('--check before apply: exit 79, one line per gap (the new Python, pip.conf)', () => {
    const r = orgApply('--check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(79);
    expect(r.stdout).toContain(
      `uncovered: /usr/local/bin/python${minor}: no /usr/local/lib/python${minor}/EXTERNALLY-MANAGED`,
    );
    expect(r.stdout).toContain('/etc/pip.conf: index-url is not https://pypi.org/simple');
    // Debian's interpreter is covered by Debian's own marker.
    expect(r.stdout).not.toContain('/usr/bin/python3');
  });

  it("apply: a marker with the org's message in /usr/local's stdlib; Debian's left untouched", () => {
    const r = orgApply();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`wrote /usr/local/lib/python${minor}/EXTERNALLY-MANAGED`);
    expect(r.stdout).toMatch(
      /python3.11\/EXTERNALLY-MANAGED \(\/usr\/bin\/python3[^)]*\): a marker pipwarden did not write/,
    );
    const marker = readFileSync(upper('usrlocal', `lib/python${minor}/EXTERNALLY-MANAGED`), 'utf8');
    expect(marker).toMatch(/^\[externally-managed\]\nError=ACME policy/);
    expect(run(['sha256sum', DEBIAN_MARKER]).stdout).toBe(debianMarker);
    expect(existsSync(upper('usr', 'lib/python3.11/EXTERNALLY-MANAGED'))).toBe(false);
    // pip.conf keeps the machine's own settings, and gains the approved index.
    const conf = readFileSync(upper('etc', 'pip.conf'), 'utf8');
    expect(conf).toContain('index-url = https://pypi.org/simple');
    if (existsSync('/etc/pip.conf')) {
      for (const line of readFileSync('/etc/pip.conf', 'utf8').split('\n')) {
        expect(conf.split('\n')).toContain(line);
      }
    }
    // The record: root's, with each file's hash.
    const state = run(['stat', '-c', '%U %a', '/var/lib/pipwarden/org-apply.json']);
    expect(state.stdout.trim()).toBe('root 644');
    expect(orgApply('--check').status).toBe(0);
  });

  it("pip itself refuses nobody's --user install and pip3.X install, with the org's message", () => {
    for (const argv of [
      [`/usr/local/bin/python${minor}`, '-m', 'pip', 'install', '--user'],
      [`/usr/local/bin/pip${minor}`],
    ]) {
      const cmd = argv.at(-1) === '--user' ? argv.slice(0, -2) : argv;
      const flags = argv.at(-1) === '--user' ? ['--user'] : [];
      const r = run([...cmd, 'install', ...flags, '--no-index', '--find-links', wheels, 'pwdemo'], {
        nobody: true,
      });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain('externally-managed-environment');
      expect(r.stderr).toContain(MESSAGE);
      expect(r.stderr).toContain(`next: python${minor} -m venv .venv`);
    }
    // Root (cron, an IDE run as root) is refused the same way.
    const r = pipInstall([`/usr/local/bin/pip${minor}`], false);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(MESSAGE);
    expect(
      run(['sh', '-c', `ls /usr/local/lib/python${minor}/site-packages`]).stdout,
    ).not.toContain('pwdemo');
    expect(existsSync(join(home, '.local'))).toBe(false);
    // pip.conf's index reaches pip: an unrouted pip uses the approved index.
    const conf = run([`/usr/local/bin/python${minor}`, '-m', 'pip', 'config', 'list'], {
      nobody: true,
    });
    expect(conf.stdout).toContain("global.index-url='https://pypi.org/simple'");
  }, 300_000);

  it('a venv made from that interpreter installs; a conda-like env installs', () => {
    const venv = join(home, 'venv');
    const made = run(
      [
        `/usr/local/bin/python${minor}`,
        '-m',
        'venv',
        '--without-pip',
        '--system-site-packages',
        venv,
      ],
      { nobody: true },
    );
    expect(made.status, made.stderr).toBe(0);
    const r = pipInstall([join(venv, 'bin/python'), '-m', 'pip']);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(venv, `lib/python${minor}/site-packages/pwdemo/__init__.py`))).toBe(
      true,
    );

    const conda = makeWholeEnv(PY as string, join(root, 'conda-env'), { kind: 'conda', pip: true });
    compile(conda.sitePackages);
    const c = pipInstall([conda.python, '-m', 'pip'], false);
    expect(c.status, c.stderr).toBe(0);
    expect(existsSync(join(conda.sitePackages, 'pwdemo/__init__.py'))).toBe(true);
  }, 300_000);

  it('--check reports a Python that appeared under the shared pyenv root after apply; apply covers it', () => {
    mkdirSync(upper('usrlocal', 'pyenv/versions'), { recursive: true });
    renameSync(newPyStaging, upper('usrlocal', 'pyenv/versions/3.13.0'));
    const r = orgApply('--check');
    expect(r.status).toBe(79);
    expect(r.stdout.trim().split('\n')).toEqual([
      'pipwarden org apply: uncovered: /usr/local/pyenv/versions/3.13.0/bin/python3.13: no /usr/local/pyenv/versions/3.13.0/lib/python3.13/EXTERNALLY-MANAGED; next: pipwarden org apply',
    ]);
    expect(orgApply().status).toBe(0);
    expect(orgApply('--check').status).toBe(0);
  });

  it('--undo removes exactly what apply wrote: the tree is byte for byte as before', () => {
    const r = orgApply('--undo');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("nothing of pipwarden's is left");
    expect(
      existsSync(upper('usrlocal', 'pyenv/versions/3.13.0/lib/python3.13/EXTERNALLY-MANAGED')),
    ).toBe(false);
    // The new Python is not pipwarden's to remove; take it away to compare with before.
    rmSync(upper('usrlocal', 'pyenv'), { recursive: true });
    expect(run(SNAPSHOT).stdout).toBe(before);
    expect(run(['sha256sum', DEBIAN_MARKER]).stdout).toBe(debianMarker);
  }, 300_000);
});
