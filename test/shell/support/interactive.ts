import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedIn } from '../../helpers/venv.js';
import { childrenOf, fakePip } from './fake-pip.js';
import { type ShellName, TmuxShell } from './tmux.js';
import { type ShellWorld, shellWorld } from './world.js';

const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

/**
 * Start `shell` interactively in tmux, its rc file sourcing the static init
 * file that rehash wrote (install.sh's rc line, without its fallback to
 * `pipwarden init`, so these tests run the static code).
 */
export function startShell(shell: ShellName, w: ShellWorld, env = w.env()): TmuxShell {
  const file = q(join(w.home, '.local', 'share', 'pipwarden', 'init', `init.${shell}`));
  const init = shell === 'fish' ? `source ${file}` : `. ${file}`;
  let argv: string[];
  const extra: Record<string, string> = {};
  if (shell === 'bash') {
    const rc = join(w.root, 'bashrc');
    writeFileSync(rc, `PS1='bash$ '\n${init}\n`);
    argv = ['bash', '--noprofile', '--rcfile', rc, '-i'];
  } else if (shell === 'zsh') {
    const zdot = join(w.root, 'zdot');
    mkdirSync(zdot, { recursive: true });
    writeFileSync(
      join(zdot, '.zshrc'),
      `PS1='zsh%% '\nautoload -Uz compinit && compinit -u -d "$ZDOTDIR/.zcompdump"\n${init}\n`,
    );
    extra.ZDOTDIR = zdot;
    argv = ['zsh', '-i'];
  } else {
    const dir = join(env.XDG_CONFIG_HOME ?? join(w.home, '.config'), 'fish');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'config.fish'),
      `set -g fish_greeting\nfunction fish_prompt; echo -n 'fish> '; end\n${init}\n`,
    );
    // Present, so fish's first interactive start does not spawn a background
    // man-page scan (create_manpage_completions.py) that outlives the test.
    mkdirSync(
      join(env.XDG_DATA_HOME ?? join(w.home, '.local', 'share'), 'fish', 'generated_completions'),
      {
        recursive: true,
      },
    );
    argv = ['fish', '-i'];
  }
  return TmuxShell.start(shell, argv, { env: { ...env, ...extra }, cwd: w.root, dir: w.root });
}

/** How each shell activates a conda-like prefix: what `conda activate` exports. */
function condaActivate(shell: ShellName, prefix: string): string {
  if (shell === 'fish') {
    return `set -gx CONDA_PREFIX ${q(prefix)}; set -gx CONDA_DEFAULT_ENV condaenv; set -gx CONDA_SHLVL 1; set -gx PATH ${q(`${prefix}/bin`)} $PATH`;
  }
  return `export CONDA_PREFIX=${q(prefix)} CONDA_DEFAULT_ENV=condaenv CONDA_SHLVL=1; export PATH=${q(`${prefix}/bin`)}:"$PATH"`;
}

/** The interactive tests, one file per shell so vitest runs shells in parallel. */
export function interactiveTests(shell: ShellName): void {
  describe(`${shell} in tmux, after pipwarden init`, () => {
    it('routes pip and python3 -m pip into the right env: system, venv, after deactivate, conda-like prefix', async () => {
      const w = shellWorld(['pwsys', 'pwpy', 'pwvenv', 'pwafter', 'pwconda']);
      const venv = w.venv('venv');
      const conda = w.condaPrefix('conda-env');
      const sh = startShell(shell, w);
      await sh.ready();

      let r = await sh.run('command -v pip');
      expect(r.output).toContain(`${w.shims}/pip`);

      r = await sh.run(`pip ${w.installArgs('pwsys')}`);
      expect(r.status).toBe(0);
      expect(r.output).toMatch(/Successfully installed pwsys-0\.1/);
      expect(r.output).not.toMatch(/pipwarden: .*(error|refused)/);
      expect(installedIn(w.sys, 'pwsys')).toBe(true);

      r = await sh.run(`python3 -m pip ${w.installArgs('pwpy')}`);
      expect(r.status).toBe(0);
      expect(r.output).toMatch(/Successfully installed pwpy-0\.1/);
      expect(installedIn(w.sys, 'pwpy')).toBe(true);

      const activate = shell === 'fish' ? 'activate.fish' : 'activate';
      // The prompt hook keeps the last status: `$?` after the prompt is still activate's `false`.
      sh.type(`source ${q(`${venv}/bin/${activate}`)}; false`);
      r = await sh.run(shell === 'fish' ? 'echo "prev=$status"' : 'echo "prev=$?"');
      expect(r.output).toMatch(/prev=1/);
      // The prompt hook ran before this line was read: the shims are first again.
      r = await sh.run('command -v pip');
      expect(r.output).toContain(`${w.shims}/pip`);
      r = await sh.run(`pip ${w.installArgs('pwvenv')}`);
      expect(r.status).toBe(0);
      expect(r.output).toMatch(/Successfully installed pwvenv-0\.1/);
      expect(installedIn(venv, 'pwvenv')).toBe(true);
      expect(installedIn(w.sys, 'pwvenv')).toBe(false);

      r = await sh.run('deactivate');
      expect(r.status).toBe(0);
      r = await sh.run(`pip ${w.installArgs('pwafter')}`);
      expect(r.status).toBe(0);
      expect(installedIn(w.sys, 'pwafter')).toBe(true);
      expect(installedIn(venv, 'pwafter')).toBe(false);

      // The prefix has no pip, so the `pip` found is the system venv's: the
      // engine must point it at the prefix, and say so.
      r = await sh.run(condaActivate(shell, conda));
      expect(r.status).toBe(0);
      r = await sh.run(`pip ${w.installArgs('pwconda')}`);
      expect(r.status).toBe(0);
      expect(r.output).toMatch(/^pipwarden: installing into the active conda env .*conda-env, /m);
      expect(r.output).toMatch(/Successfully installed pwconda-0\.1/);
      expect(installedIn(conda, 'pwconda')).toBe(true);
      expect(installedIn(w.sys, 'pwconda')).toBe(false);
    });

    it("completes pipwarden's own commands, and pip's completion works through the shims", async () => {
      const w = shellWorld([]);
      const sh = startShell(shell, w);
      await sh.ready();
      sh.typeOnly('pipwarden ini');
      sh.keys('Tab');
      await sh.waitFor(/ pipwarden init *$/m);
      sh.keys('C-u');
      // pip's completion, set up the way pip documents for each shell: its
      // script runs `pip completion` through the shim, then each Tab runs pip
      // with PIP_AUTO_COMPLETE set. fish ships a pip.fish that does the same.
      const setup = {
        bash: 'eval "$(pip completion --bash)"',
        // (as _pipshim: zsh's own _pip would answer this Tab too)
        zsh: 'mkdir -p ~/zc && pip completion --zsh > ~/zc/_pipshim && fpath=(~/zc $fpath) && autoload -Uz _pipshim && compdef _pipshim pip',
        fish: 'true',
      }[shell];
      expect((await sh.run(setup)).status).toBe(0);
      sh.typeOnly('pip unins');
      sh.keys('Tab');
      await sh.waitFor(/ pip uninstall *$/m);
      sh.keys('C-u');
      await sh.ready();
    });

    it("Ctrl-C reaches pip, which runs as the shell's own child in the shim's process", async () => {
      const w = shellWorld([]);
      const fake = fakePip(join(w.root, 'fake'), join(w.sys, 'bin', 'python'));
      const sh = startShell(shell, w, w.env({ PATH: w.path(fake) }));
      await sh.ready();
      sh.type('pip install pwslow');
      // fish runs `pip completion --fish` when `pip` is typed: match the install only.
      const m = await sh.waitFor(/fakepip pid=(\d+) ppid=(\d+) args=\['install'/);
      const pid = Number(m[1]);
      // The shell forked one process, which became the shim and then pip:
      // no sh left waiting, no Node resident.
      expect(Number(m[2])).toBe(sh.panePid());
      expect(childrenOf(sh.panePid())).toEqual([pid]);
      expect(childrenOf(pid)).toEqual([]);
      sh.keys('C-c');
      await sh.waitFor(/fakepip: got SIGINT/);
      const r = await sh.run(shell === 'fish' ? 'echo "last=$status"' : 'echo "last=$?"');
      expect(r.output).toMatch(/last=130/);
    });
  });
}
