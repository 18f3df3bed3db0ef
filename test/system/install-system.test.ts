import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';
import { buildWheel } from '../helpers/wheel.js';
import { canStage, makeStage, SNAPSHOT, snapshot } from './stage.js';

const LIB = '/usr/local/lib/pipwarden';
const SHIMS = `${LIB}/shims`;
const AUDIT = '/var/log/pipwarden/audit.log';
const have = (cmd: string) => existsSync(cmd);
const ready =
  canStage &&
  have(DEBIAN_PYTHON) &&
  have('/usr/bin/pip') &&
  have('/usr/bin/sudo') &&
  have('/usr/bin/zsh') &&
  have('/usr/bin/fish');
const notReady = needs(
  'the system stage (root, unshare, /usr/bin/python3, pip, sudo, zsh, fish)',
  ready,
);

// One machine for the whole file: install --system, use it from every
// shell as root and as nobody, sudo, a user's own install beside it,
// uninstall. Each step is a new namespace over the same staged files.
describe.skipIf(notReady)(
  'install.sh --system (staged: overlays in a private mount namespace)',
  () => {
    const stageRoot = join('/tmp', `pipwarden-system-${process.pid}`);
    let stage: ReturnType<typeof makeStage>;
    const realBefore = snapshot();
    let stagedBefore = '';
    const wheels = join(stageRoot, 'wheels');
    const home = { root: join(stageRoot, 'home-root'), nobody: join(stageRoot, 'home-nobody') };
    const venv = { root: join(home.root, 'venv'), nobody: join(home.nobody, 'venv') };
    const asNobody = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];

    beforeAll(() => {
      mkdirSync(wheels, { recursive: true });
      stage = makeStage(stageRoot);
      buildWheel(wheels, 'pwdemo', '1.0');
      execFileSync('chmod', ['-R', 'a+rX', stageRoot]);
      mkdirSync(home.root);
      mkdirSync(home.nobody);
      chownSync(home.nobody, 65534, 65534);
      execFileSync(DEBIAN_PYTHON, ['-m', 'venv', venv.root]);
      // nobody's own world-readable venv, with Debian's python3 (nobody cannot read pyenv's).
      execFileSync(asNobody[0] as string, [
        ...asNobody.slice(1),
        DEBIAN_PYTHON,
        '-m',
        'venv',
        venv.nobody,
      ]);
      stagedBefore = stage.run(SNAPSHOT).stdout;
    }, 120_000);

    afterAll(() => {
      execFileSync('rm', ['-rf', stageRoot]);
      // The machine's own /etc and /usr/local are exactly as they were.
      expect(snapshot()).toBe(realBefore);
    });

    /** A clean environment for a new login shell, as login(1) would give it. */
    function loginEnv(user: 'root' | 'nobody'): Record<string, string> {
      return {
        HOME: home[user],
        USER: user,
        TERM: 'dumb',
        PATH: '/usr/local/bin:/usr/bin:/bin',
        PIP_CONFIG_FILE: '/dev/null',
        PIP_DISABLE_PIP_VERSION_CHECK: '1',
        LANG: 'C.UTF-8',
      };
    }

    function inShell(user: 'root' | 'nobody', argv: string[]) {
      const env = Object.entries(loginEnv(user)).map(([k, v]) => `${k}=${v}`);
      const prefix = user === 'nobody' ? asNobody : [];
      return stage.run([...prefix, 'env', '-i', ...env, ...argv], { cwd: home[user] });
    }

    it('installs shims, shell hooks, sudo and the preset where a machine keeps them', () => {
      const r = stage.run(
        [
          join(ROOT, 'install.sh'),
          '--system',
          // What a provisioning script passes to either install.
          '--yes',
          '--preset',
          'venv-only,no-sudo-pip',
          '--audit-file',
          AUDIT,
        ],
        { env: { PATH: '/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root' } },
      );
      expect(r.status, r.stderr).toBe(0);
      const upper = (name: string, path: string) => join(stageRoot, name, 'upper', path);
      for (const f of [
        'profile.d/pipwarden.sh',
        'fish/conf.d/pipwarden.fish',
        'sudoers.d/pipwarden',
        'pipwarden/config.yaml',
      ]) {
        expect(existsSync(upper('etc', f)), f).toBe(true);
      }
      expect(readFileSync(upper('etc', 'bash.bashrc'), 'utf8')).toContain(
        `${LIB}/init/pipwarden.bash`,
      );
      expect(readFileSync(upper('etc', 'zsh/zshrc'), 'utf8')).toContain(
        `${LIB}/init/pipwarden.zsh`,
      );
      expect(readFileSync(upper('etc', 'sudoers.d/pipwarden'), 'utf8')).toContain(
        `secure_path="${SHIMS}:`,
      );
      expect(existsSync(upper('usrlocal', 'lib/pipwarden/shims/pip'))).toBe(true);
      // visudo accepts the whole sudoers with our drop-in, as sudo will read it.
      expect(stage.run(['visudo', '-c']).status).toBe(0);
      // Append-only, writable by all, readable by root alone.
      const attrs = stage.run(['sh', '-c', `lsattr ${AUDIT}; stat -c %a ${AUDIT}`]).stdout;
      expect(attrs).toMatch(/^-+a-.* \/var\/log\/pipwarden\/audit.log\n622\n$/);
    });

    const SHELLS = {
      bash: (cmd: string) => ['bash', '-lic', cmd],
      zsh: (cmd: string) => ['zsh', '-lic', cmd],
      fish: (cmd: string) => [
        'fish',
        '-lic',
        cmd
          .replaceAll('$?', '$status')
          .replace('bin/activate', 'bin/activate.fish')
          .replace('. ', 'source '),
      ],
    };

    for (const user of ['root', 'nobody'] as const) {
      for (const [shell, argv] of Object.entries(SHELLS)) {
        it(`a new login ${shell} of ${user}: pip goes through pipwarden; the system is refused, a venv installs`, () => {
          const install = `pip install --no-index --find-links ${wheels} pwdemo`;
          // The preset locks PIPWARDEN_DISABLE: the shim must not let it skip the policy.
          const cmd = `command -v pip; ${install}; echo "system=$?"; PIPWARDEN_DISABLE=1 ${install}; echo "disabled=$?"; . ${venv[user]}/bin/activate; command -v pip; ${install}; echo "venv=$?"`;
          const r = inShell(user, argv(cmd));
          const out = r.stdout.split('\n');
          expect(out[0], r.stderr).toBe(`${SHIMS}/pip`);
          expect(out).toContain('system=77');
          expect(out, r.stderr).toContain('disabled=77');
          expect(r.stderr).toContain('PIPWARDEN_DISABLE=1: ignored, locked by');
          expect(r.stderr).toContain(
            "pipwarden: This machine's policy: install into a venv, conda or pixi env",
          );
          expect(r.stderr).toMatch(/pipwarden: refused: \/usr\/bin\/pip is not in a venv/);
          expect(out).toContain(`${venv[user]}/bin/pip`);
          expect(out, r.stderr).toContain('venv=0');
          expect(existsSync(join(venv[user], 'lib', 'python3.11', 'site-packages', 'pwdemo'))).toBe(
            true,
          );
          // Nothing landed in the user site or the (staged) system site.
          expect(existsSync(join(home[user], '.local', 'lib'))).toBe(false);
          expect(existsSync(join(stageRoot, 'usrlocal', 'upper', 'lib', 'python3.11'))).toBe(false);
        });
      }
    }

    it('sudo pip install reaches pipwarden through secure_path and is refused', () => {
      const r = stage.run(
        ['sudo', 'pip', 'install', '--no-index', '--find-links', wheels, 'pwdemo'],
        {
          env: { PATH: '/usr/bin:/bin', HOME: '/root', PIP_CONFIG_FILE: '/dev/null' },
        },
      );
      expect(r.status, r.stderr).toBe(77);
      expect(r.stderr).toContain("pipwarden: refused: This machine's policy: no pip under sudo");
      // The shared audit file holds every refusal: root's and nobody's.
      const lines = stage
        .run(['cat', AUDIT])
        .stdout.trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      // Two refusals per login shell of nobody: the system install, and the
      // same with PIPWARDEN_DISABLE=1, which the preset locks.
      expect(lines.filter((l) => l.user === 'nobody' && l.action === 'refuse')).toHaveLength(6);
      expect(lines.at(-1)).toMatchObject({ user: 'root', sudoUser: 'root', action: 'refuse' });
    });

    it('sudo pip install by a user with sudo rights, from a login shell, is refused too', () => {
      // A staged sudoers rule gives nobody sudo; it goes again before the
      // uninstall step compares the staged machine with the one before.
      const rule = '/etc/sudoers.d/zz-test-nobody';
      const grant = stage.run([
        'sh',
        '-c',
        `echo 'nobody ALL=(ALL) NOPASSWD: ALL' >${rule} && chmod 440 ${rule} && visudo -c`,
      ]);
      expect(grant.status, grant.stderr).toBe(0);
      try {
        const cmd = `sudo -n pip install --no-index --find-links ${wheels} pwdemo; echo "sudo=$?"`;
        const r = inShell('nobody', ['bash', '-lic', cmd]);
        expect(r.stdout, r.stderr).toContain('sudo=77');
        expect(r.stderr).toContain("pipwarden: refused: This machine's policy: no pip under sudo");
        const last = JSON.parse(stage.run(['tail', '-n', '1', AUDIT]).stdout);
        expect(last).toMatchObject({ user: 'root', sudoUser: 'nobody', action: 'refuse' });
      } finally {
        stage.run(['rm', '-f', rule]);
      }
    });

    it("a user's own install.sh stays in front of the system one, under the same org policy", () => {
      // root's own install from the checkout (nobody may not chmod the checkout's files).
      const r = inShell('root', [join(ROOT, 'install.sh'), '--yes']);
      expect(r.status, r.stderr).toBe(0);
      const own = join(home.root, '.local', 'share', 'pipwarden', 'shims', 'pip');
      const cmd = `command -v pip; pip install --no-index --find-links ${wheels} pwdemo; echo "system=$?"`;
      const s = inShell('root', ['bash', '-ic', cmd]);
      expect(s.stdout.split('\n')[0], s.stderr).toBe(own);
      expect(s.stdout).toContain('system=77');
      expect(s.stderr).toContain("This machine's policy: install into a venv");
    });

    it('uninstall --system keeps the audit file and says where users keep theirs; --purge removes every trace; the user install still works', () => {
      const rootEnv = { PATH: '/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root' };
      let r = stage.run([join(ROOT, 'install.sh'), '--system', '--uninstall'], { env: rootEnv });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(
        'pipwarden install --system: kept (./install.sh --system --uninstall --purge removes them):\n' +
          `  ${AUDIT} (the shared audit file; still append-only)\n`,
      );
      expect(r.stdout).toMatch(
        /each user keeps their own cache \(~\/\.cache\/pipwarden\) and audit log \(~\/\.local\/state\/pipwarden\/audit\.log/,
      );
      expect(stage.run(['test', '-s', AUDIT]).status).toBe(0);
      expect(stage.run(['test', '-e', SHIMS]).status).toBe(1);
      r = stage.run([join(ROOT, 'install.sh'), '--system', '--uninstall', '--purge'], {
        env: rootEnv,
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`removed the audit file ${AUDIT}`);
      expect(stage.run(SNAPSHOT).stdout).toBe(stagedBefore);
      const own = join(home.root, '.local', 'share', 'pipwarden', 'shims', 'pip');
      const cmd = `command -v pip; . ${venv.root}/bin/activate; pip install -q --no-index --find-links ${wheels} pwdemo; echo "venv=$?"`;
      const s = inShell('root', ['bash', '-ic', cmd]);
      expect(s.stdout.split('\n')[0], s.stderr).toBe(own);
      expect(s.stdout).toContain('venv=0');
    });
  },
);
