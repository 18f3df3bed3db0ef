import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCommand } from '../helpers/cli.js';
import { installMachine } from '../shell/support/install-machine.js';
import { TmuxShell } from '../shell/support/tmux.js';

/** The "Common to both:" block of a --help text. */
function commonFlags(help: string): string {
  const m = /\nCommon to both:\n((?: {2}.*\n)+)/.exec(help);
  return m?.[1] ?? '';
}

describe('install.sh --uninstall tells the whole truth', () => {
  it('lists what it kept (trust records, audit log and its .pending dir); --purge removes them too', () => {
    const m = installMachine();
    expect(m.install('--yes').status).toBe(0);
    const data = join(m.home, '.local', 'share', 'pipwarden');
    const state = join(m.home, '.local', 'state', 'pipwarden');
    const project = join(m.root, 'project');
    mkdirSync(project);
    writeFileSync(join(project, '.pipwardenrc.yaml'), 'onNotWritable: user\n');
    const trust = runCommand([m.link, 'trust', join(project, '.pipwardenrc.yaml')], {
      env: m.env,
      cwd: project,
    });
    expect(trust.status, trust.stderr).toBe(0);
    // What the audit writer leaves: the log, and records not yet folded into it.
    mkdirSync(join(state, 'audit.log.pending'), { recursive: true });
    writeFileSync(join(state, 'audit.log'), '{}\n');
    writeFileSync(join(state, 'audit.log.pending', '1.json'), '{}\n');
    mkdirSync(join(m.home, '.cache', 'pipwarden'), { recursive: true });
    writeFileSync(join(m.home, '.cache', 'pipwarden', 'probe.json'), '{}');

    let r = m.install('--uninstall');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'pipwarden install: kept (yours to keep; ./install.sh --uninstall --purge removes them):\n' +
        `  ${data}/trusted.json: trust records, from pipwarden trust\n` +
        `  ${state}/audit.log: the audit log\n` +
        `  ${state}/audit.log.pending: audit records not yet appended to the log\n`,
    );
    expect(r.stdout).toContain(`removed the cache ${join(m.home, '.cache', 'pipwarden')}`);
    expect(existsSync(m.shims)).toBe(false);
    expect(existsSync(m.link)).toBe(false);
    expect(existsSync(join(data, 'trusted.json'))).toBe(true);
    expect(existsSync(join(state, 'audit.log.pending', '1.json'))).toBe(true);

    expect(m.install('--purge').stderr).toBe(
      'pipwarden install: error: --purge goes with --uninstall\npipwarden install: next: ./install.sh --uninstall --purge\n',
    );
    r = m.install('--uninstall', '--purge');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`removed ${data}/trusted.json: trust records, from pipwarden trust`);
    expect(r.stdout).toContain(`removed ${state}/audit.log: the audit log`);
    expect(r.stdout).not.toContain('kept (');
    for (const p of [data, state, join(m.home, '.cache', 'pipwarden')]) {
      expect({ p, exists: existsSync(p) }).toEqual({ p, exists: false });
    }
  });

  it('an open bash that hashed a shim gets one clear line, and pip runs without pipwarden', async () => {
    const m = installMachine();
    expect(m.install('--yes').status).toBe(0);
    const sh = TmuxShell.start('bash', ['bash', '-i'], { env: m.env, cwd: m.root, dir: m.root });
    await sh.ready();
    let r = await sh.run('command -v pip; pip --version >/dev/null; hash -t pip');
    expect(r.output).toContain(join(m.shims, 'pip'));
    expect(m.install('--uninstall').status).toBe(0);
    // The next prompt's hook sees the dir gone, and says so once.
    const gone = `pipwarden: ${m.shims} is gone (pipwarden uninstalled?), so this shell runs pip without pipwarden now`;
    await sh.run('true');
    await sh.waitFor(new RegExp(gone.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    r = await sh.run('pip --version; echo "rc=$?"; command -v pip');
    expect(r.output).toContain('rc=0');
    expect(r.output).toContain(join(m.sys, 'bin', 'pip'));
    expect(r.output).not.toContain('No such file');
    await sh.run('true');
    expect(sh.screen().split(gone).length - 1).toBe(1);
    await sh.stop();
  });
});

describe('one set of flags', () => {
  const run = (...args: string[]) =>
    runCommand(['sh', join(ROOT, 'install.sh'), ...args], {
      env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent' },
    });

  it('--help and --system --help list the same common flags', () => {
    const user = run('--help');
    const system = run('--system', '--help');
    expect(user.status).toBe(0);
    expect(system.status).toBe(0);
    const common = commonFlags(user.stdout);
    for (const flag of ['--yes, -y', '--uninstall', '--purge', '--help, -h']) {
      expect(common).toContain(flag);
    }
    expect(commonFlags(system.stdout)).toBe(common);
  });

  it('--system takes --yes (a script passes it to either install)', () => {
    expect(run('--system', '--yes', '--help').status).toBe(0);
    // As a user that is not root: the one complaint is about root, not the flag.
    const r = runCommand(['sh', join(ROOT, 'install.sh'), '--system', '--yes'], {
      env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent' },
      asNobody: true,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^pipwarden install --system: error: a system-wide install .* needs root\n/,
    );
  });
});
