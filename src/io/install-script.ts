import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import type { Env } from '../core/env.js';
import { PACKAGE_ROOT } from './package-paths.js';

/** install.sh in the package: the one set-up for a checkout and an npm install alike. */
export const INSTALL_SCRIPT = join(PACKAGE_ROOT, 'install.sh');

/**
 * Run the package's install.sh with `args`, on our terminal (its rc
 * question reads the TTY), and return its exit code; a signal death comes
 * back as 128+n, as sh would report it. `as` names the command in its
 * messages. The node running us goes first on PATH, so the shims bake the
 * node that runs pipwarden now, not another one PATH happens to hold.
 */
export function runInstallScript(args: string[], env: Env, as: string, node: string): number {
  const dir = dirname(node);
  const r = spawnSync('sh', [INSTALL_SCRIPT, ...args], {
    stdio: 'inherit',
    env: { ...env, PATH: `${dir}${env.PATH ? `:${env.PATH}` : ''}`, PIPWARDEN_INSTALL_AS: as },
  });
  if (r.error) throw r.error;
  if (r.signal) return 128 + (constants.signals[r.signal] ?? 0);
  return r.status ?? 1;
}
