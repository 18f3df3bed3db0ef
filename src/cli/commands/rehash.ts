import { dirname, resolve } from 'node:path';
import { PipwardenError } from '../../core/errors.js';
import { renderShim } from '../../core/render/shim.js';
import type { Out } from '../../io/fd-out.js';
import { exists } from '../../io/fs-checks.js';
import { cliMain, packageVersion } from '../../io/package-paths.js';
import { cacheDir, shimDir } from '../../io/paths.js';
import { removeCache } from '../../io/plan-cache/save-plan.js';
import { removeInitFiles, staticInitFile } from '../../io/shell/init-files.js';
import { removeShimDir, type ShimDirChanges, syncShimDir } from '../../io/shims/shim-dir.js';
import { discoverShimNames } from '../../io/shims/shim-names.js';
import type { Command } from '../context.js';
import { splitArgs } from '../split-args.js';
import { writeStaticInit } from '../static-init.js';

/**
 * `pipwarden rehash [--dir DIR] [--remove]`: write a shim for every pip and
 * python name on PATH and in pyenv's versions, each baking this node and this
 * CLI, and drop shims no longer wanted. `--remove` takes the shims and the
 * shim dir away (install.sh --uninstall uses it).
 */
export const rehash: Command = async (args, ctx) => {
  const { flags, values, rest } = splitArgs('rehash', args);
  if (rest.length > 0) {
    throw new PipwardenError(
      'usage',
      `rehash: unexpected argument "${rest[0]}"`,
      'pipwarden rehash [--dir DIR] [--remove]',
    );
  }
  const dir = resolve(ctx.cwd, values.get('--dir') ?? shimDir(ctx.env));
  if (flags.has('--remove')) {
    report(ctx.stdout, 'removed', removeShimDir(dir));
    removeInitFiles(ctx.env);
    const cache = removeCache(ctx.env);
    if (cache !== null) ctx.stdout.write(`removed the cache ${cache}\n`);
    return 0;
  }
  const { names, changes, staticError } = writeShims(dir, ctx.env);
  report(ctx.stdout, 'rehash', changes);
  if (staticError !== null) {
    ctx.stderr.write(
      `pipwarden: rehash: could not write the static init files (${staticError}), so each new shell starts Node for pipwarden init\n` +
        `pipwarden: next: make ${dirname(staticInitFile(ctx.env, 'bash'))} writable, or set XDG_DATA_HOME to a dir of yours\n`,
    );
  }
  if (changes.blocked.length > 0) {
    ctx.stderr.write(
      `pipwarden: rehash: ${changes.blocked.map((n) => `${dir}/${n}`).join(', ')}: not a pipwarden shim, left alone, so that command is not routed\n` +
        'pipwarden: next: give pipwarden a dir of its own (PIPWARDEN_SHIM_DIR, or the default), then pipwarden rehash\n',
    );
  }
  if (names.length === 0) {
    ctx.stderr.write(
      'pipwarden: rehash: no pip, pip3, python3 or python3.X on PATH; nothing to shim\n' +
        'pipwarden: next: install Python (or activate pyenv), then pipwarden rehash\n',
    );
  }
  return 0;
};

/**
 * The shims for every name found, then the static init files that point at
 * them (init runs this too when there are no shims yet).
 */
export function writeShims(
  dir: string,
  env: NodeJS.ProcessEnv,
): { names: { name: string }[]; changes: ShimDirChanges; staticError: string | null } {
  const main = cliMain();
  if (!exists(main)) {
    throw new PipwardenError(
      'internal',
      `rehash: ${main} does not exist, and every shim would run it`,
      'npm run build, then pipwarden rehash',
    );
  }
  const version = packageVersion();
  const names = discoverShimNames(env, dir);
  // Baked like node: the shim, the engine, doctor and rehash --remove share one layout.
  const cache = cacheDir(env);
  const shims = names.map(({ name, kind }) => ({
    name,
    text: renderShim({
      kind,
      name,
      shimDir: dir,
      node: process.execPath,
      main,
      version,
      cacheDir: cache,
    }),
  }));
  const changes = syncShimDir(dir, shims);
  // Only for the dir init would pick: a --dir elsewhere is not what the rc line wants.
  let staticError: string | null = null;
  if (dir === resolve(shimDir(env))) {
    try {
      writeStaticInit(dir, env);
    } catch (error) {
      // The shims work without them; a new shell only starts Node for init.
      staticError = (error as NodeJS.ErrnoException).code ?? String(error);
    }
  }
  return { names, changes, staticError };
}

function report(out: Out, verb: string, c: ShimDirChanges): void {
  const total = c.written.length + c.unchanged.length;
  const parts = verb === 'removed' ? [] : [`${total} shims`];
  if (c.written.length) parts.push(`written: ${c.written.join(' ')}`);
  if (c.removed.length) parts.push(`removed: ${c.removed.join(' ')}`);
  if (c.foreign.length) parts.push(`left alone (not ours): ${c.foreign.join(' ')}`);
  out.write(`pipwarden: ${verb}: ${c.dir}${parts.length ? `: ${parts.join('; ')}` : ''}\n`);
}
