import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A port nothing listens on now: the kernel picks it, we let it go. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A second machine for Ansible to manage over ssh: a real sshd on
 * 127.0.0.1:`port`, in a private mount namespace of its own where /usr,
 * /etc, /var and /run are overlays (writes land under `root`) and /root is
 * an empty tmpfs holding only the key the controller logs in with. Every
 * session sshd starts lives in that namespace, so whatever the play
 * installs stays there. `stop` ends sshd (the process we started).
 */
export function startSshHost(root: string, port: number) {
  const mounts = ['set -e'];
  for (const [name, target] of Object.entries({
    usr: '/usr',
    etc: '/etc',
    var: '/var',
    run: '/run',
  })) {
    mkdirSync(join(root, name, 'upper'), { recursive: true });
    mkdirSync(join(root, name, 'work'), { recursive: true });
    mounts.push(
      `mount -t overlay pipwarden-ssh -o lowerdir=${target},upperdir=${root}/${name}/upper,workdir=${root}/${name}/work ${target}`,
    );
  }
  const key = join(root, 'key');
  const hostKey = join(root, 'host-key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  mounts.push(
    // sshd's privilege separation dir; StrictModes wants a 0700 /root.
    'mkdir -p /run/sshd && chmod 755 /run/sshd',
    'mount -t tmpfs -o mode=700 pipwarden-ssh-root /root',
    `mkdir -m 700 /root/.ssh && cp ${key}.pub /root/.ssh/authorized_keys`,
    'exec "$@"',
  );
  const enter = join(root, 'enter.sh');
  writeFileSync(enter, `${mounts.join('\n')}\n`);
  const sshd: ChildProcess = spawn(
    'unshare',
    [
      '-m',
      '--propagation',
      'private',
      'sh',
      enter,
      '/usr/sbin/sshd',
      '-D',
      '-e',
      '-p',
      String(port),
      '-h',
      hostKey,
      '-o',
      'ListenAddress=127.0.0.1',
      '-o',
      'PidFile=none',
      '-o',
      'UsePAM=no',
      '-o',
      'PermitRootLogin=prohibit-password',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  sshd.stderr?.on('data', (d) => {
    log += String(d);
  });
  const sshArgs = [
    '-p',
    String(port),
    '-i',
    key,
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'LogLevel=ERROR',
  ];
  return {
    key,
    port,
    /** An inventory line for Ansible: no ControlPersist, so no ssh outlives a play. */
    inventory: `managed ansible_host=127.0.0.1 ansible_port=${port} ansible_user=root ansible_ssh_private_key_file=${key} ansible_ssh_common_args='${sshArgs.slice(4).join(' ')} -o ControlMaster=no -o ControlPath=none'\n`,
    /** Wait until sshd listens. */
    async ready(): Promise<void> {
      for (let i = 0; i < 100 && !log.includes('Server listening'); i++) {
        if (sshd.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      if (!log.includes('Server listening')) throw new Error(`sshd did not start:\n${log}`);
    },
    /** Run a command on the host through ssh, as root or as `user` (who holds `key`). */
    ssh(command: string, user = 'root') {
      const r = spawnSync('ssh', [...sshArgs, `${user}@127.0.0.1`, command], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    log: () => log,
    stop(): void {
      sshd.kill('SIGTERM');
    },
  };
}
