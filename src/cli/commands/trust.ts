import { join, resolve } from 'node:path';
import { displayPath } from '../../core/config/display.js';
import { PipwardenError } from '../../core/errors.js';
import { configLocations, PROJECT_SEARCH } from '../../io/config/load-config-places.js';
import {
  contentHash,
  mentionsPipwarden,
  readRegularFile,
  setTrust,
} from '../../io/config/trust.js';
import { exists, isDir, isFile } from '../../io/fs-checks.js';
import { markVenv, unmarkVenv } from '../../io/interpreter/venv-vouch.js';
import type { Command } from '../context.js';
import { splitArgs } from '../split-args.js';

/**
 * `pipwarden trust [--revoke] [PATH]`: let a project config file run
 * (`.pipwardenrc.js`…) or name programs and outside paths, as direnv's
 * `allow` does: keyed on path plus content hash, so editing revokes it.
 * Without PATH, the nearest project config file from the working directory.
 * PATH may also be a venv (a directory holding pyvenv.cfg) that the user made
 * without pipwarden: the `venv` action then runs its python (docs/security.md).
 */
export const trust: Command = async (args, ctx) => {
  const { flags, rest } = splitArgs('trust', args);
  const home = ctx.home;
  const file = rest[0] ? resolve(ctx.cwd, rest[0]) : nearest(ctx, home);
  if (isDir(file) && isFile(join(file, 'pyvenv.cfg'))) {
    return trustVenv(ctx, file, flags.has('--revoke'));
  }
  const content = readRegularFile(file);
  if (content === null) {
    throw new PipwardenError(
      'usage',
      `trust: ${displayPath(file, home)}: no such file`,
      'pipwarden trust [PATH to a project config file]',
    );
  }
  const shown = displayPath(file, home);
  if (flags.has('--revoke')) {
    setTrust(ctx.env, file, null);
    ctx.stdout.write(`untrusted: ${shown}\n`);
    return 0;
  }
  setTrust(ctx.env, file, content);
  ctx.stdout.write(
    `trusted: ${shown} (sha256 ${contentHash(content).slice(0, 12)}…); editing it revokes this\n`,
  );
  return 0;
};

function nearest(ctx: Parameters<Command>[1], home: string): string {
  for (const dir of configLocations({ cwd: ctx.cwd, env: ctx.env, home }).project) {
    for (const name of PROJECT_SEARCH) {
      const path = join(dir, name);
      if (name === 'pyproject.toml' ? mentionsPipwarden(path) : exists(path)) {
        return path;
      }
    }
  }
  throw new PipwardenError(
    'usage',
    `trust: no project config found from ${displayPath(ctx.cwd, home)} upward`,
    'pipwarden trust PATH',
  );
}

/** Marks a venv as the user's own, as pipwarden marks the venvs it makes. */
function trustVenv(ctx: Parameters<Command>[1], venv: string, revoke: boolean): number {
  const shown = displayPath(venv, ctx.home);
  if (revoke) {
    unmarkVenv(ctx.env, venv);
    ctx.stdout.write(`untrusted: ${shown}\n`);
    return 0;
  }
  if (!markVenv(ctx.env, venv)) {
    throw new PipwardenError(
      'usage',
      `trust: ${shown}/pyvenv.cfg: not a regular file`,
      'pipwarden trust PATH (a project config file, or a venv you made)',
    );
  }
  ctx.stdout.write(
    `trusted: the venv ${shown}; pipwarden may now run its python (replacing its pyvenv.cfg revokes this)\n`,
  );
  return 0;
}
