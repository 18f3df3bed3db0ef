import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { giveToNobody, openForNobody, ROOT } from '../helpers/cli.js';
import { SYSTEM_PATH } from '../helpers/env.js';
import { canUnshare, inPrivateEtc, staged } from '../helpers/private-etc.js';
import { tempDir } from '../helpers/tmp.js';
import { buildWheel } from '../helpers/wheel.js';

// install.sh --system in a private mount namespace: /etc, /usr/local and
// /var/log are overlays whose writes land in the test's stage dir, so the
// files sit where they would on a real machine and the real ones are never
// touched. Every check runs inside the same namespace, in one script.
const hasSudo = existsSync('/usr/bin/sudo');
const DIRS = ['/etc', '/usr/local', '/var/log'];

describe.skipIf(!canUnshare || !hasSudo)('install.sh --system', () => {
  it('installs for every shell and sudo, refuses by the preset, and uninstalls every trace', () => {
    const stage = tempDir('pipwarden-system-');
    const wheels = join(stage, 'wheels');
    mkdirSync(wheels);
    buildWheel(wheels);
    const bashrcBefore = readFileSync('/etc/bash.bashrc', 'utf8');
    const pipInstall = `pip install --no-index --find-links ${wheels} pwdemo`;
    // Each probe prints a tagged line; the shells are real bash, zsh, fish.
    const script = [
      'set -u',
      `"${ROOT}/install.sh" --system --preset venv-only >/dev/null || exit 90`,
      `echo "bash-login: $(bash -lc 'command -v pip')"`,
      `echo "bash-interactive: $(bash -ic 'command -v pip' 2>/dev/null)"`,
      `echo "zsh: $(zsh -ic 'command -v pip' 2>/dev/null)"`,
      `echo "fish: $(fish -c 'command -v pip')"`,
      `bash -lc '${pipInstall}' >/dev/null 2>"$STAGE/bash.err"; echo "bash-install: $?"`,
      `sudo -H ${pipInstall} >/dev/null 2>"$STAGE/sudo.err"; echo "sudo-install: $?"`,
      `echo "audit-lines: $(wc -l < /var/log/pipwarden/audit.jsonl)"`,
      // As nobody: refused outside a venv; a venv of its own installs.
      `NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=$STAGE/nobody"`,
      `$NOBODY bash -lc '${pipInstall}' >/dev/null 2>"$STAGE/nobody.err"; echo "nobody-system: $?"`,
      `$NOBODY bash -lc 'python3 -m venv "$HOME/venv" && . "$HOME/venv/bin/activate" && ${pipInstall}' >"$STAGE/nobody-venv.out" 2>&1; echo "nobody-venv: $?"`,
      `echo "nobody-audit: $(wc -l < /var/log/pipwarden/audit.jsonl)"`,
      `printf 'presets: [no-sudo-pip]\\n' > /etc/pipwarden/config.yaml`,
      `sudo -H python3 -m pip install --user --no-index --find-links ${wheels} pwdemo >/dev/null 2>"$STAGE/nosudo.err"; echo "no-sudo: $?"`,
      `"${ROOT}/install.sh" --system --uninstall >/dev/null || exit 91`,
      'echo "left: $(ls /usr/local/lib/pipwarden /etc/profile.d/pipwarden.sh /etc/fish/conf.d/pipwarden.fish /etc/sudoers.d/pipwarden /usr/local/bin/pipwarden 2>/dev/null)"',
      `grep -c pipwarden /etc/bash.bashrc; echo "zshrc: $(cat /etc/zsh/zshrc 2>/dev/null | grep -c pipwarden)"`,
      `echo "after-uninstall: $(bash -lc 'command -v pip')"`,
    ].join('\n');
    writeFileSync(join(stage, 'probe.sh'), script);
    mkdirSync(join(stage, 'nobody'));
    giveToNobody(join(stage, 'nobody'));
    openForNobody(stage, wheels);
    const r = inPrivateEtc(stage, ['sh', join(stage, 'probe.sh')], {
      env: {
        PATH: SYSTEM_PATH,
        HOME: join(stage, 'home'),
        STAGE: stage,
        LANG: 'C.UTF-8',
        TERM: 'dumb',
        PIP_CONFIG_FILE: '/dev/null',
      },
      cwd: stage,
      dirs: DIRS,
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const shim = '/usr/local/lib/pipwarden/shims/pip';
    const out = r.stdout;
    expect(out).toContain(`bash-login: ${shim}`);
    expect(out).toContain(`bash-interactive: ${shim}`);
    expect(out).toContain(`zsh: ${shim}`);
    expect(out).toContain(`fish: ${shim}`);
    expect(out).toContain('bash-install: 77');
    expect(readFileSync(join(stage, 'bash.err'), 'utf8')).toContain(
      "This machine's policy: install into a venv",
    );
    // sudo's secure_path leads to the shim: pipwarden answers, not pip.
    expect(out).toContain('sudo-install: 77');
    expect(readFileSync(join(stage, 'sudo.err'), 'utf8')).toMatch(/pipwarden: refused: /);
    expect(out).toContain('audit-lines: 2');
    expect(out).toContain('nobody-system: 77');
    expect(readFileSync(join(stage, 'nobody.err'), 'utf8')).toContain("This machine's policy");
    expect(out, readFileSync(join(stage, 'nobody-venv.out'), 'utf8')).toContain('nobody-venv: 0');
    expect(
      existsSync(join(stage, 'nobody', 'venv', 'lib', 'python3.11', 'site-packages', 'pwdemo')),
    ).toBe(true);
    // nobody appended its refusal to the shared, root-owned audit file.
    expect(out).toContain('nobody-audit: 3');
    expect(out).toContain('no-sudo: 77');
    expect(readFileSync(join(stage, 'nosudo.err'), 'utf8')).toContain('no pip under sudo');
    // Uninstalled: no file of ours left, the distro's files as they were.
    expect(out).toMatch(/^left: $/m);
    expect(out).toMatch(/^0$/m);
    expect(out).toContain('zshrc: 0');
    expect(out).toContain('after-uninstall: /usr/bin/pip');
    expect(readFileSync(staged(stage, '/etc', 'bash.bashrc'), 'utf8')).toBe(bashrcBefore);
    // And the real machine never saw any of it.
    expect(existsSync('/etc/pipwarden')).toBe(false);
    expect(existsSync('/usr/local/lib/pipwarden')).toBe(false);
    expect(existsSync('/etc/sudoers.d/pipwarden')).toBe(false);
  });
});
