import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/cli.js';
import { installedIn } from '../helpers/venv.js';
import { TmuxShell } from '../shell/support/tmux.js';
import { shellWorld } from '../shell/support/world.js';

// pip uninstall reads its "Proceed (Y/n)?" answer from the terminal; the
// shim execs pip, so the TTY is pip's own. PIP_NO_INPUT would make pip
// answer by itself, so it is left out here.
describe('pip uninstall asks and is answered through the shim, in a real terminal', () => {
  it.each(['n', 'y'])(
    'answer %s',
    async (answer) => {
      const w = shellWorld(['pwbye']);
      const venv = w.venv('venv');
      const env = w.env({
        PATH: w.path(join(venv, 'bin')),
        VIRTUAL_ENV: venv,
        PIP_NO_INPUT: undefined,
      });
      const installed = runCommand(['pip', ...w.installArgs('pwbye').split(' ')], { env });
      expect(installed.status, installed.stderr).toBe(0);
      expect(installedIn(venv, 'pwbye')).toBe(true);
      const sh = TmuxShell.start('bash', ['bash', '--norc', '--noprofile', '-i'], {
        env,
        cwd: w.root,
        dir: w.root,
      });
      await sh.ready();
      const which = await sh.run('command -v pip');
      expect(which.output).toContain(join(w.shims, 'pip'));
      sh.type('pip uninstall pwbye; echo "__pw""_status:$?"');
      await sh.waitFor(/Proceed \(Y\/n\)\? *$/m);
      sh.type(answer);
      const m = await sh.waitFor(/__pw_status:(\d+)/);
      expect(m[1]).toBe('0');
      expect(installedIn(venv, 'pwbye')).toBe(answer === 'n');
      if (answer === 'y') expect(sh.screen()).toMatch(/Successfully uninstalled pwbye-0\.1/);
    },
    120_000,
  );
});
