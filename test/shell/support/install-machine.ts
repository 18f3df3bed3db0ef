import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCommand } from '../../helpers/cli.js';
import { hermeticEnv } from '../../helpers/env.js';
import { tempDir } from '../../helpers/tmp.js';
import { fastVenv } from './fast-venv.js';
import { basePython } from './world.js';

/** The line install.sh marks its rc edits with. */
export const MARK = '# added by pipwarden install.sh';

/**
 * A fresh machine, as far as install.sh can tell: a temp HOME (XDG dirs in
 * it), a checkout with the built dist/ and node_modules (so no npm or network
 * is needed), and a "system" Python that is a venv of ours.
 */
export function installMachine(prefix = 'pipwarden-install-') {
  const root = tempDir(prefix);
  const checkout = join(root, 'checkout');
  mkdirSync(checkout);
  for (const f of ['install.sh', 'package.json', 'dist', 'completions', 'shims']) {
    cpSync(join(ROOT, f), join(checkout, f), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'));
  const home = join(root, 'home');
  const sys = fastVenv(basePython(), join(root, 'sys'));
  const env = hermeticEnv(home, { PATH: `${join(sys, 'bin')}:/usr/bin:/bin`, SHELL: '/bin/bash' });
  const rc = {
    bash: join(home, '.bashrc'),
    zsh: join(home, '.zshrc'),
    fish: join(home, '.config', 'fish', 'config.fish'),
  };
  const install = (...args: string[]) =>
    runCommand(['sh', join(checkout, 'install.sh'), ...args], { env, cwd: root });
  return {
    root,
    checkout,
    home,
    sys,
    env,
    rc,
    install,
    link: join(home, '.local', 'bin', 'pipwarden'),
    shims: join(home, '.local', 'share', 'pipwarden', 'shims'),
    main: join(checkout, 'dist', 'cli', 'main.js'),
  };
}
