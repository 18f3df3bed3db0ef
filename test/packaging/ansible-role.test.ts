import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { canStage, makeStage, snapshot } from '../system/stage.js';
import { freshClone } from './fresh-clone.js';
import { freePort, startSshHost } from './ssh-host.js';

const PLAYBOOK = join(ROOT, 'deploy', 'ansible', 'site.yml');
const CONFIG = '/etc/pipwarden/config.yaml';
const missing = [
  ...(canStage ? [] : ['root and unshare -m']),
  ...['/usr/bin/ansible-playbook', '/usr/bin/dpkg-deb', '/usr/bin/pip', '/usr/sbin/sshd'].filter(
    (t) => !existsSync(t),
  ),
];
if (missing.length && process.env.CI !== 'true') {
  console.log(`skipping the Ansible role test: needs ${missing.join(', ')}`);
}
const ready = missing.length === 0 || process.env.CI === 'true';

/** PLAY RECAP's counts for one host. */
function recapOf(out: string, host: string): Record<string, number> {
  const line = new RegExp(`^${host}\\s+:\\s+(.*)$`, 'm').exec(out)?.[1] ?? '';
  return Object.fromEntries([...line.matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
}

// deploy/ansible/site.yml against this machine (connection local), inside
// private mount namespaces whose /usr, /etc and /var are overlays: check
// mode changes nothing, the first run installs, the second changes nothing,
// and a login shell of nobody is then routed and refused under venv-only.
// Then the same play against a second host over ssh: a real sshd on
// 127.0.0.1 in a mount namespace of its own (ssh-host.ts).
describe.skipIf(!ready)('the Ansible role (staged: /usr, /etc, /var overlaid)', () => {
  const root = join('/tmp', `pipwarden-ansible-${process.pid}`);
  const home = join(root, 'home');
  const nobodyHome = join(root, 'home-nobody');
  const realBefore = snapshot();
  let stage: ReturnType<typeof makeStage>;
  let deb = '';
  let host: ReturnType<typeof startSshHost> | null = null;

  beforeAll(() => {
    expect(missing).toEqual([]);
    const clone = freshClone(join(root, 'clone'));
    const out = join(root, 'out');
    mkdirSync(out);
    const r = spawnSync('sh', [join(clone, 'scripts', 'package-deb.sh'), out], {
      cwd: clone,
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const version = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')).version;
    deb = join(out, `pipwarden_${version}_all.deb`);
    mkdirSync(home);
    mkdirSync(nobodyHome);
    chownSync(nobodyHome, 65534, 65534);
    execFileSync('chmod', ['a+rx', root]);
    stage = makeStage(join(root, 'stage'), { usr: '/usr', etc: '/etc', var: '/var' });
  }, 600_000);

  afterAll(() => {
    host?.stop();
    execFileSync('rm', ['-rf', root]);
    expect(snapshot()).toBe(realBefore);
  });

  function play(...extra: string[]) {
    return stage.run(
      [
        'ansible-playbook',
        '-i',
        'localhost,',
        '-c',
        'local',
        PLAYBOOK,
        '-e',
        `pipwarden_deb=${deb}`,
        ...extra,
      ],
      {
        env: {
          PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
          HOME: home,
          ANSIBLE_LOCAL_TEMP: join(home, 'tmp'),
          ANSIBLE_NOCOLOR: '1',
          LANG: 'C.UTF-8',
        },
      },
    );
  }

  it('--check --diff shows the config it would write, and changes nothing', () => {
    const r = play('--check', '--diff');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(recapOf(r.stdout, 'localhost')).toMatchObject({ failed: 0 });
    expect(r.stdout).toContain(
      "+  message: 'ACME policy: install into a venv (python3 -m venv .venv)'",
    );
    expect(stage.run(['test', '-e', CONFIG]).status).toBe(1);
    expect(stage.run(['test', '-e', '/usr/bin/pipwarden']).status).toBe(1);
  });

  it('the first run installs the package and writes the policy; the second changes nothing', () => {
    const first = play();
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(recapOf(first.stdout, 'localhost').changed).toBeGreaterThan(0);
    expect(stage.run(['cat', CONFIG]).stdout).toContain('- venv-only');
    const second = play();
    expect(second.status, second.stdout + second.stderr).toBe(0);
    expect(recapOf(second.stdout, 'localhost')).toMatchObject({ changed: 0, failed: 0 });
  });

  it('a login shell of nobody is then routed, and refused outside a venv with the org message', () => {
    const r = stage.run(
      [
        'setpriv',
        '--reuid=nobody',
        '--regid=nogroup',
        '--clear-groups',
        'env',
        '-i',
        `HOME=${nobodyHome}`,
        'PATH=/usr/local/bin:/usr/bin:/bin',
        'PIP_CONFIG_FILE=/dev/null',
        'LANG=C.UTF-8',
        'bash',
        '-lc',
        'command -v pip; pip install --no-index pwx; echo "rc=$?"; PIPWARDEN_DISABLE=1 pip install --no-index pwx; echo "disabled=$?"',
      ],
      { cwd: nobodyHome },
    );
    const lines = r.stdout.split('\n');
    expect(lines[0], r.stderr).toBe('/usr/lib/pipwarden/shims/pip');
    expect(lines).toContain('rc=77');
    expect(lines).toContain('disabled=77');
    expect(r.stderr).toContain(
      'pipwarden: ACME policy: install into a venv (python3 -m venv .venv)',
    );
    expect(r.stderr).toContain(
      'PIPWARDEN_DISABLE=1: ignored, locked by /etc/pipwarden/config.yaml',
    );
  });

  it('over ssh, a second host: installed, changed=0 the second time, nobody refused', async () => {
    const hostRoot = join(root, 'ssh-host');
    mkdirSync(hostRoot);
    host = startSshHost(hostRoot, await freePort());
    await host.ready();
    const inventory = join(root, 'inventory');
    writeFileSync(inventory, host.inventory);
    const run = () =>
      spawnSync('ansible-playbook', ['-i', inventory, PLAYBOOK, '-e', `pipwarden_deb=${deb}`], {
        env: {
          PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
          HOME: home,
          ANSIBLE_LOCAL_TEMP: join(home, 'tmp'),
          ANSIBLE_NOCOLOR: '1',
          LANG: 'C.UTF-8',
        },
        encoding: 'utf8',
        timeout: 300_000,
      });
    const first = run();
    expect(first.status, first.stdout + first.stderr + host.log()).toBe(0);
    expect(recapOf(first.stdout, 'managed').changed).toBeGreaterThan(0);
    const second = run();
    expect(second.status, second.stdout + second.stderr).toBe(0);
    expect(recapOf(second.stdout, 'managed')).toMatchObject({ changed: 0, failed: 0 });
    const nb = join(hostRoot, 'home-nobody');
    mkdirSync(nb);
    chownSync(nb, 65534, 65534);
    const r = host.ssh(
      `setpriv --reuid=nobody --regid=nogroup --clear-groups env -i HOME=${nb} PATH=/usr/local/bin:/usr/bin:/bin PIP_CONFIG_FILE=/dev/null LANG=C.UTF-8 bash -lc 'command -v pip; pip install --no-index pwx; echo "rc=$?"'`,
    );
    const lines = r.stdout.split('\n');
    expect(lines[0], r.stderr).toBe('/usr/lib/pipwarden/shims/pip');
    expect(lines).toContain('rc=77');
    expect(r.stderr).toContain(
      'pipwarden: ACME policy: install into a venv (python3 -m venv .venv)',
    );
  });
});
