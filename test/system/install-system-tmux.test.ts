import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markConda } from '../engine/fixtures.js';
import { ROOT } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';
import { installedIn } from '../helpers/venv.js';
import { buildWheel } from '../helpers/wheel.js';
import { type ShellName, TmuxShell } from '../shell/support/tmux.js';
import { canStage, makeStage, snapshot } from './stage.js';

const SHIMS = '/usr/local/lib/pipwarden/shims';
const have = (cmd: string) => existsSync(cmd);
const ready =
  canStage &&
  ['/usr/bin/tmux', '/usr/bin/sudo', '/usr/bin/zsh', '/usr/bin/fish'].every(have) &&
  have(DEBIAN_PYTHON);
const notReady = needs(
  'the system stage (root, unshare, tmux, sudo, zsh, fish, /usr/bin/python3)',
  ready,
);
const asNobody = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];
type User = 'root' | 'nobody';
type Kind = 'venv' | 'conda' | 'pixi';

/** What `conda activate` or `pixi shell` exports for a prefix. */
function condaVars(kind: 'conda' | 'pixi', prefix: string): Record<string, string> {
  return kind === 'conda'
    ? { CONDA_PREFIX: prefix, CONDA_SHLVL: '1', CONDA_DEFAULT_ENV: 'condaenv' }
    : {
        CONDA_PREFIX: prefix,
        PIXI_ENVIRONMENT_NAME: 'default',
        PIXI_PROJECT_ROOT: prefix,
        PIXI_IN_SHELL: '1',
      };
}

/** What each shell types to activate a prefix, the way its tool would. */
function activate(shell: ShellName, kind: Kind, prefix: string): string {
  if (kind === 'venv') {
    return shell === 'fish' ? `source ${prefix}/bin/activate.fish` : `. ${prefix}/bin/activate`;
  }
  const vars = condaVars(kind, prefix);
  if (shell === 'fish') {
    const sets = Object.entries(vars).map(([k, v]) => `set -gx ${k} ${v}`);
    return `${sets.join('; ')}; set -gx PATH ${prefix}/bin $PATH`;
  }
  const exports = Object.entries(vars).map(([k, v]) => `${k}=${v}`);
  return `export ${exports.join(' ')} PATH=${prefix}/bin:"$PATH"`;
}

/** What undoes `activate`: deactivate, or the saved PATH and no conda variables. */
function leave(shell: ShellName, kind: Kind): string {
  if (kind === 'venv') return 'deactivate';
  // fish's `set -e` fails when any name is unset, so name only those set.
  const vars = Object.keys(condaVars(kind, '')).join(' ');
  return shell === 'fish'
    ? `set -e ${vars}; set -gx PATH $PW_PATH`
    : `unset ${vars}; export PATH="$PW_PATH"`;
}

// The venv-only preset on a staged machine, used from real terminals: each
// shell starts as a login shell in a tmux server that runs inside the
// stage's mount namespace, so it reads the staged /etc like a new login would.
describe.skipIf(notReady)('install.sh --system --preset venv-only, in tmux (staged)', () => {
  const stageRoot = join('/tmp', `pipwarden-systmux-${process.pid}`);
  const stage = makeStage(stageRoot);
  const realBefore = snapshot();
  const wheels = join(stageRoot, 'wheels');
  const home = { root: join(stageRoot, 'home-root'), nobody: join(stageRoot, 'home-nobody') };
  const prefix = (user: User, kind: Kind) => join(home[user], kind);
  const systemSite = join(stageRoot, 'usrlocal', 'upper', 'lib', 'python3.11');

  beforeAll(async () => {
    mkdirSync(wheels, { recursive: true });
    // One package per shell, so each shell's install is told apart on disk.
    for (const shell of ['bash', 'zsh', 'fish']) buildWheel(wheels, `pw${shell}`, '1.0');
    execFileSync('chmod', ['-R', 'a+rX', stageRoot]);
    for (const user of ['root', 'nobody'] as const) {
      // An empty .zshrc keeps zsh-newuser-install's menu away; the fish dir
      // stops fish's first start from scanning man pages in the background.
      mkdirSync(join(home[user], '.local', 'share', 'fish', 'generated_completions'), {
        recursive: true,
      });
      writeFileSync(join(home[user], '.zshrc'), '');
      if (user === 'nobody') execFileSync('chown', ['-R', 'nobody:nogroup', home[user]]);
    }
    chownSync(home.nobody, 65534, 65534);
    // Six real prefixes with Debian's python3 and its pip, made in parallel;
    // nobody's by nobody (it cannot read pyenv's Pythons).
    const run = promisify(execFile);
    await Promise.all(
      (['root', 'nobody'] as const).flatMap((user) =>
        (['venv', 'conda', 'pixi'] as const).map(async (kind) => {
          const pre = user === 'nobody' ? asNobody : [];
          const [cmd = '', ...args] = [...pre, DEBIAN_PYTHON, '-m', 'venv', prefix(user, kind)];
          await run(cmd, args);
          if (kind !== 'venv') markConda(prefix(user, kind), kind === 'pixi');
        }),
      ),
    );
    const r = stage.run([join(ROOT, 'install.sh'), '--system', '--preset', 'venv-only'], {
      env: { PATH: '/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root' },
    });
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);

  afterAll(() => {
    execFileSync('rm', ['-rf', stageRoot]);
    // The machine's own /etc and /usr/local are exactly as they were.
    expect(snapshot()).toBe(realBefore);
  });

  /** A new login shell of `user` in tmux, with the environment login(1) would give it. */
  async function loginShell(shell: ShellName, user: User): Promise<TmuxShell> {
    const env = {
      HOME: home[user],
      USER: user,
      PATH: '/usr/local/bin:/usr/bin:/bin',
      PIP_CONFIG_FILE: '/dev/null',
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
      LANG: 'C.UTF-8',
    };
    const argv = [...(user === 'nobody' ? asNobody : []), shell, '-l'];
    const sh = TmuxShell.start(shell, argv, {
      env,
      cwd: home[user],
      dir: stageRoot,
      launch: stage.enter,
    });
    await sh.ready();
    return sh;
  }

  for (const user of ['root', 'nobody'] as const) {
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      it(`a new login ${shell} of ${user}: the system is refused; venv, conda-like and pixi-like prefixes install`, async () => {
        const sh = await loginShell(shell, user);
        const install = `pip install --no-index --find-links ${wheels} pw${shell}`;

        let r = await sh.run('command -v pip');
        expect(r.output.trim()).toBe(`${SHIMS}/pip`);

        r = await sh.run(install);
        expect(r.status, r.output).toBe(77);
        expect(r.output).toContain(
          "pipwarden: This machine's policy: install into a venv, conda or pixi env",
        );
        expect(r.output).toMatch(/pipwarden: refused: \/usr\/bin\/pip is not in a venv/);
        // Nothing in the staged system site, nor the user site.
        expect(existsSync(systemSite)).toBe(false);
        expect(existsSync(join(home[user], '.local', 'lib'))).toBe(false);

        await sh.run(shell === 'fish' ? 'set -g PW_PATH $PATH' : 'PW_PATH="$PATH"');
        for (const kind of ['venv', 'conda', 'pixi'] as const) {
          const p = prefix(user, kind);
          expect((await sh.run(activate(shell, kind, p))).status).toBe(0);
          r = await sh.run(install);
          expect(r.status, `${kind}: ${r.output}`).toBe(0);
          expect(r.output).toMatch(new RegExp(`Successfully installed pw${shell}-1\\.0`));
          expect(installedIn(p, `pw${shell}`), kind).toBe(true);
          expect((await sh.run(leave(shell, kind))).status).toBe(0);
        }
        // Left every env: pip is the system's again, and refused again.
        r = await sh.run(install);
        expect(r.status, r.output).toBe(77);

        if (user === 'root') {
          // sudo's secure_path (staged sudoers.d) leads to the shared shims.
          r = await sh.run(`sudo ${install}`);
          expect(r.status, r.output).toBe(77);
          expect(r.output).toContain("pipwarden: This machine's policy: install into a venv");
          expect(r.output).toMatch(/pipwarden: refused: \/usr\/bin\/pip is not in a venv/);
        }
        expect(existsSync(systemSite)).toBe(false);
        expect(existsSync(join(stageRoot, 'usrlocal', 'upper', 'bin', `pw${shell}-cli`))).toBe(
          false,
        );
      }, 60_000);
    }
  }
});
