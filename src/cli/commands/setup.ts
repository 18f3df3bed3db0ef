import { PipwardenError } from '../../core/errors.js';
import { exists } from '../../io/fs-checks.js';
import { INSTALL_SCRIPT, runInstallScript } from '../../io/install-script.js';
import type { Command } from '../context.js';
import { splitArgs } from '../split-args.js';

/**
 * `pipwarden setup [flags]`: what ./install.sh does in a checkout, for an
 * npm install (`npm i -g pipwarden`): the shims, the static init files and
 * the rc lines, with the same question and flags, since it runs the
 * package's own install.sh. Its shims and rc line point into the installed
 * package, so `npm update -g` keeps them working (a new version's first
 * shell rewrites them: the static init file's guard sees the version move).
 */
export const setup: Command = async (args, ctx) => {
  // The flags setup's --help lists are the ones it passes on; anything else
  // is a usage error here, before install.sh runs.
  const { rest } = splitArgs('setup', args);
  if (rest.length > 0) {
    throw new PipwardenError(
      'usage',
      `setup: unexpected argument ${rest[0]}`,
      'pipwarden setup --help lists its options',
    );
  }
  if (!exists(INSTALL_SCRIPT)) {
    throw new PipwardenError(
      'internal',
      `setup: ${INSTALL_SCRIPT} is missing from this package`,
      'reinstall pipwarden (npm i -g pipwarden)',
    );
  }
  return runInstallScript(args, ctx.env, 'pipwarden setup', process.execPath);
};
