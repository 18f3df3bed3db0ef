import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';
import { buildWheel } from '../helpers/wheel.js';
import { freePort, startSshHost } from '../packaging/ssh-host.js';
import { canStage, snapshot } from './stage.js';

// Every shell a user can get on a machine with the system install, login or
// not, interactive or not, and a command over a real ssh: which ones reach
// pipwarden's shims, and which have no hook to use (the README's "Where
// pipwarden reaches" table). One machine for the file: a real sshd from
// Debian's openssh-server on 127.0.0.1, in a private mount namespace where
// /usr, /etc, /var and /run are overlays; every step runs in it over ssh.

const SHIMS = '/usr/local/lib/pipwarden/shims';
const tools = [
  '/usr/sbin/sshd',
  '/usr/bin/ssh',
  '/usr/bin/zsh',
  '/usr/bin/fish',
  '/usr/bin/pip',
  DEBIAN_PYTHON,
];
const notReady = needs(
  `the system stage with sshd (root, unshare, ${tools.join(', ')})`,
  canStage && tools.every((t) => existsSync(t)),
);

/** One argument for the remote sh -c that sshd runs for root. */
const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

describe.skipIf(notReady)(
  'every shell routes pip after install.sh --system (staged, real sshd)',
  () => {
    const root = join('/tmp', `pipwarden-reach-${process.pid}`);
    const wheels = join(root, 'wheels');
    const homes = join(root, 'homes');
    const realBefore = snapshot();
    let host: ReturnType<typeof startSshHost>;
    const USERS = {
      pwbash: '/bin/bash',
      pwzsh: '/usr/bin/zsh',
      pwfish: '/usr/bin/fish',
      pwsh: '/bin/sh',
    };
    const install = `pip install --no-index --find-links ${wheels} pwdemo`;
    // The same words in sh, bash, zsh and fish: the status is pip's (or pipwarden's).
    const probe = `command -v pip; env PIP_CONFIG_FILE=/dev/null ${install}`;

    /** A command as root on the staged host; fails the test on a non-zero status. */
    function asRoot(cmd: string) {
      const r = host.ssh(cmd);
      expect(r.status, `${cmd}\n${r.stdout}\n${r.stderr}`).toBe(0);
      return r.stdout;
    }

    beforeAll(async () => {
      mkdirSync(homes, { recursive: true });
      mkdirSync(wheels);
      buildWheel(wheels, 'pwdemo', '1.0');
      execFileSync('chmod', ['-R', 'a+rX', root]);
      host = startSshHost(join(root, 'host'), await freePort());
      await host.ready();
      asRoot(`${q(join(ROOT, 'install.sh'))} --system --yes --preset venv-only`);
      asRoot(`mkdir ${homes}/nobody && chown nobody:nogroup ${homes}/nobody`);
      // A user for each login shell (staged /etc/passwd), who logs in with the test's key.
      for (const [user, shell] of Object.entries(USERS)) {
        const home = join(homes, user);
        asRoot(
          [
            `useradd -M -d ${home} -s ${shell} -p '*' ${user}`,
            `mkdir -p ${home}/.ssh`,
            `cp ${host.key}.pub ${home}/.ssh/authorized_keys`,
            `chown -R ${user}: ${home}`,
          ].join(' && '),
        );
      }
    }, 180_000);

    afterAll(() => {
      host?.stop();
      execFileSync('rm', ['-rf', root]);
      expect(snapshot()).toBe(realBefore);
    });

    /** `argv` as nobody, with nothing inherited: the environment login(1) or cron gives. */
    function asNobody(argv: string[]) {
      const env = `HOME=${homes}/nobody PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 TERM=dumb`;
      return host.ssh(
        `setpriv --reuid=nobody --regid=nogroup --clear-groups env -i ${env} ${argv.map(q).join(' ')}`,
      );
    }

    function expectRefusedByPipwarden(r: {
      status: number | null;
      stdout: string;
      stderr: string;
    }) {
      expect(r.stdout.split('\n')[0], r.stderr).toBe(`${SHIMS}/pip`);
      expect(r.status, r.stderr).toBe(77);
      expect(r.stderr).toMatch(/pipwarden: refused: \/usr\/bin\/pip is not in a venv/);
    }

    // Each routed by a hook the shell reads: profile.d (login sh, bash),
    // bash.bashrc (interactive bash), zshenv (every zsh), conf.d (every fish).
    const ROUTED: Record<string, string[]> = {
      'bash -lc': ['bash', '-lc'],
      'bash -ic': ['bash', '-ic'],
      'bash -lic': ['bash', '-lic'],
      'zsh -c': ['zsh', '-c'],
      'zsh -lc': ['zsh', '-lc'],
      'zsh -ic': ['zsh', '-ic'],
      'fish -c': ['fish', '-c'],
      'fish -lc': ['fish', '-lc'],
      'sh -lc': ['sh', '-lc'],
    };
    it.each(Object.keys(ROUTED))('%s as nobody, nothing inherited: routed and refused', (name) => {
      expectRefusedByPipwarden(asNobody([...(ROUTED[name] as string[]), probe]));
    });

    it('bash -c and sh -c with nothing inherited read no start-up file: no hook reaches them', () => {
      // The documented gap (README "Where pipwarden reaches"): a script
      // started from a routed shell inherits its PATH; one started with env -i does not.
      for (const sh of ['bash', 'sh']) {
        const r = asNobody([sh, '-c', 'command -v pip']);
        expect(r.stdout).toBe('/usr/bin/pip\n');
      }
    });

    it.each(['pwbash', 'pwzsh', 'pwfish'])(
      'ssh %s@127.0.0.1 COMMAND: routed and refused',
      (user) => {
        expectRefusedByPipwarden(host.ssh(probe, user));
      },
    );

    it('ssh to a user whose login shell is sh (dash): no start-up file, no hook', () => {
      // dash reads none for `sh -c`; sshd's PATH is its compiled default.
      expect(host.ssh('command -v pip', 'pwsh').stdout).toBe('/usr/bin/pip\n');
    });

    it('the hooks sit where each shell reads them, and --uninstall takes them away', () => {
      const staged = (p: string) => join(root, 'host', 'etc', 'upper', p);
      expect(readFileSync(staged('bash.bashrc'), 'utf8').split('\n')[0]).toContain(
        '/usr/local/lib/pipwarden/init/pipwarden.bash',
      );
      expect(readFileSync(staged('zsh/zshenv'), 'utf8')).toContain(
        '/usr/local/lib/pipwarden/init/pipwarden.zsh',
      );
      asRoot(`${q(join(ROOT, 'install.sh'))} --system --uninstall`);
      expect(asRoot('grep -c pipwarden /etc/bash.bashrc /etc/zsh/zshenv /etc/zsh/zshrc || :')).toBe(
        '/etc/bash.bashrc:0\n/etc/zsh/zshenv:0\n/etc/zsh/zshrc:0\n',
      );
      expect(host.ssh('command -v pip', 'pwzsh').stdout).toBe('/usr/bin/pip\n');
    });

    it("a user's own install.sh: ssh commands of bash, zsh and fish reach that user's shims", () => {
      // root's /root is an empty tmpfs on this host: no ~/.profile, and a
      // Debian .bashrc, which returns early for non-interactive shells.
      asRoot(`cp /etc/skel/.bashrc /root/.bashrc && ${q(join(ROOT, 'install.sh'))} --yes`);
      const own = '/root/.local/share/pipwarden/shims/pip';
      for (const shell of ['/bin/bash', '/usr/bin/zsh', '/usr/bin/fish']) {
        asRoot(`usermod -s ${shell} root`);
        const r = host.ssh('command -v pip');
        expect({ shell, pip: r.stdout, status: r.status }).toEqual({
          shell,
          pip: `${own}\n`,
          status: 0,
        });
      }
      asRoot('usermod -s /bin/bash root');
      for (const argv of [
        ['bash', '-lic'],
        ['bash', '-lc'],
        ['zsh', '-c'],
      ]) {
        const r = host.ssh(
          `env -i HOME=/root PATH=/usr/bin:/bin ${argv.join(' ')} 'command -v pip'`,
        );
        expect({ argv, pip: r.stdout }).toEqual({ argv, pip: `${own}\n` });
      }
    });
  },
);
