import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/cli.js';
import { MARK, installMachine as machine } from './support/install-machine.js';
import { TmuxShell } from './support/tmux.js';

// After a user's own ./install.sh, every shell that user gets reads a line
// of ours: login or not, interactive or not, with or without ~/.profile.
// (Over a real sshd: test/system/reach-shells.test.ts.)

const marked = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.includes(MARK))
    : [];

describe('per-user install: every shell reaches the shims', () => {
  it('a login bash without ~/.profile (tmux, interactive), and bash -lc, zsh -c, zsh -lc, fish -c, bash over ssh', async () => {
    const m = machine();
    const r = m.install('--yes');
    expect(r.status, r.stderr).toBe(0);
    const pip = `${join(m.shims, 'pip')}\n`;
    const sh = TmuxShell.start('bash', ['bash', '-l', '-i'], {
      env: m.env,
      cwd: m.root,
      dir: m.root,
    });
    await sh.ready();
    const ran = await sh.run('command -v pip');
    await sh.stop();
    expect(ran.output.trim()).toBe(pip.trim());
    const cases: Record<string, string[]> = {
      'bash -lc': ['bash', '-lc'],
      'zsh -c': ['zsh', '-c'],
      'zsh -lc': ['zsh', '-lc'],
      'fish -c': ['fish', '-c'],
      'sshd: bash -c (SSH_CLIENT set)': ['bash', '-c'],
    };
    for (const [name, argv] of Object.entries(cases)) {
      const env = name.startsWith('sshd') ? { ...m.env, SSH_CLIENT: '127.0.0.1 5 22' } : m.env;
      const out = runCommand([...argv, 'command -v pip'], { env, cwd: m.root });
      expect({ name, out: out.stdout }).toEqual({ name, out: pip });
    }
    // No login file at all: install.sh made ~/.profile for bash's sake.
    expect(marked(join(m.home, '.profile'))).toHaveLength(1);
    // Uninstall takes every line, and the files it made for them.
    expect(m.install('--uninstall').status).toBe(0);
    expect(existsSync(join(m.home, '.profile'))).toBe(false);
    expect(existsSync(join(m.home, '.zshenv'))).toBe(false);
  });

  it("a login file that sources ~/.bashrc (Debian's skeleton) gets no line; one that does not, does", () => {
    const m = machine();
    const profile = join(m.home, '.profile');
    const bashProfile = join(m.home, '.bash_profile');
    runCommand(['mkdir', '-p', m.home], { env: m.env });
    writeFileSync(profile, readFileSync('/etc/skel/.profile', 'utf8'));
    expect(m.install('--yes').status).toBe(0);
    expect(marked(profile)).toHaveLength(0);
    let out = runCommand(['bash', '-lc', 'command -v pip'], { env: m.env, cwd: m.root });
    expect(out.stdout).toBe(`${join(m.shims, 'pip')}\n`);
    // A ~/.bash_profile hides ~/.profile from bash: the line goes there (a
    // comment naming ~/.bashrc is not sourcing it).
    const mine = '# ~/.bashrc is for interactive shells\nexport EDITOR=vi\n';
    writeFileSync(bashProfile, mine);
    expect(m.install('--yes').status).toBe(0);
    expect(marked(bashProfile)).toHaveLength(1);
    out = runCommand(['bash', '-lc', 'command -v pip'], { env: m.env, cwd: m.root });
    expect(out.stdout).toBe(`${join(m.shims, 'pip')}\n`);
    expect(m.install('--uninstall').status).toBe(0);
    expect(readFileSync(bashProfile, 'utf8')).toBe(mine);
    expect(readFileSync(profile, 'utf8')).toBe(readFileSync('/etc/skel/.profile', 'utf8'));
  });
});
