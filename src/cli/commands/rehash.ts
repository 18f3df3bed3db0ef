import { dirname, isAbsolute, join, resolve } from 'node:path';
import { isShimName, toolOf } from '../../core/call.js';
import { PipwardenError } from '../../core/errors.js';
import { FOLLOW_DIR, renderShim, SHIM_DIR_MARKER } from '../../core/render/shim.js';
import type { Out } from '../../io/fd-out.js';
import { exists, isFile } from '../../io/fs-checks.js';
import { findOnPath } from '../../io/interpreter/which.js';
import { cliMain, packageVersion } from '../../io/package-paths.js';
import { cacheDir, shimDir } from '../../io/paths.js';
import { removeCache } from '../../io/plan-cache/save-plan.js';
import { removeInitFiles, staticInitFile } from '../../io/shell/init-files.js';
import { followDir, syncFollowDirs, writeFollowShims } from '../../io/shims/follow-dirs.js';
import { shimDirsToSkip } from '../../io/shims/marked-shim-dirs.js';
import { ensureDir, removeShimDir, syncShimDir } from '../../io/shims/shim-dir.js';
import { isOurs, type ShimDirChanges } from '../../io/shims/shim-files.js';
import { discoverShimNames } from '../../io/shims/shim-names.js';
import type { Command, CommandContext } from '../context.js';
import { splitArgs } from '../split-args.js';
import { writeStaticInit } from '../static-init.js';

/**
 * `pipwarden rehash [--dir DIR] [--remove] [--follow] [NAME…]`: write a shim
 * for every pip and python name on PATH and in pyenv's versions, each baking
 * this node and this CLI, and drop shims no longer wanted. `--remove` takes
 * the shims and the shim dir away (install.sh --uninstall uses it).
 * `--follow NAME…` writes only follow shims (follow-dirs.ts) for names on
 * this PATH that have no shim: the prompt hook runs it.
 */
export const rehash: Command = async (args, ctx) => {
  const { flags, values, rest } = splitArgs('rehash', args);
  if (flags.has('--follow')) {
    const dir = resolve(ctx.cwd, values.get('--dir') ?? shimDir(ctx.env));
    return rehashFollow(dir, rest, ctx);
  }
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
  const render = shimRenderer(env);
  const names = discoverShimNames(env, dir);
  const shims = names.map(({ name }) => ({ name, text: render(name, dir) }));
  const changes = syncShimDir(dir, shims);
  const follow = syncFollowDirs(dir, new Set(changes.written.concat(changes.unchanged)), render);
  changes.written.push(...follow.written.map((n) => `${FOLLOW_DIR}/${n}/${n}`));
  changes.removed.push(...follow.removed);
  changes.foreign.push(...follow.foreign);
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

/**
 * Renders the shim for a name written into a dir (the shim dir or a follow
 * dir), baking this node, this CLI, the version and the cache dir, read
 * once: the shim, the engine, doctor and rehash --remove share one layout.
 */
function shimRenderer(env: NodeJS.ProcessEnv): (name: string, dir: string) => string {
  const main = cliMain();
  if (!exists(main)) {
    throw new PipwardenError(
      'internal',
      `rehash: ${main} does not exist, and every shim would run it`,
      'npm run build, then pipwarden rehash',
    );
  }
  const version = packageVersion();
  const cache = cacheDir(env);
  return (name, dir) =>
    renderShim({
      kind: toolOf(name) ?? 'python',
      name,
      shimDir: dir,
      node: process.execPath,
      main,
      version,
      cacheDir: cache,
    });
}

/**
 * `rehash --follow NAME…`: a follow shim for each name that has no shim in
 * the main dir and is on this PATH (absolute entries outside shim dirs).
 * Bad names stop everything before anything is written.
 */
function rehashFollow(dir: string, names: string[], ctx: CommandContext): number {
  const usage = 'pipwarden rehash [--dir DIR] --follow NAME…';
  if (names.length === 0) {
    throw new PipwardenError('usage', 'rehash --follow: no NAME given', usage);
  }
  const bad = names.find((n) => !isShimName(n));
  if (bad !== undefined) {
    throw new PipwardenError(
      'usage',
      `rehash --follow: "${bad}" is not a pip or python command name (pip, pip3, pip3.X, python, python3, python3.X)`,
      usage,
    );
  }
  // Only beside shims a full rehash wrote: never a .follow in some other dir.
  if (!isFile(join(dir, SHIM_DIR_MARKER))) {
    throw new PipwardenError(
      'config',
      `rehash --follow: ${dir} is not a pipwarden shim dir (no ${SHIM_DIR_MARKER} in it)`,
      'pipwarden rehash, then pipwarden rehash --follow NAME…',
    );
  }
  ensureDir(dir);
  const render = shimRenderer(ctx.env);
  const skip = shimDirsToSkip({ ...ctx.env, PIPWARDEN_SHIM_DIR: dir }, ctx.cwd);
  const want: { name: string; text: string }[] = [];
  for (const name of [...new Set(names)]) {
    if (isOurs(join(dir, name))) {
      ctx.stdout.write(`pipwarden: rehash --follow: ${name} has a shim in ${dir} already\n`);
      continue;
    }
    // Absolute entries only: a relative one is the cwd's, which a cloned tree supplies.
    const found = findOnPath(name, absoluteEntries(ctx.env.PATH), { exclude: skip, cwd: ctx.cwd });
    if (found === null) {
      ctx.stderr.write(
        `pipwarden: rehash --follow: ${name} is not on PATH (outside pipwarden's shim dirs), so there is nothing to follow\n`,
      );
      continue;
    }
    want.push({ name, text: render(name, followDir(dir, name)) });
  }
  const changes = want.length ? writeFollowShims(dir, want) : null;
  if (changes !== null) {
    report(ctx.stdout, 'rehash --follow', changes);
    if (changes.blocked.length > 0) {
      ctx.stderr.write(
        `pipwarden: rehash --follow: ${changes.blocked.map((n) => `${followDir(dir, n)}/${n}`).join(', ')}: not a pipwarden shim, left alone\n` +
          `pipwarden: next: remove it, then pipwarden rehash --follow ${changes.blocked.join(' ')}\n`,
      );
    }
  }
  return 0;
}

function absoluteEntries(path: string | undefined): string {
  return (path ?? '')
    .split(':')
    .filter((d) => isAbsolute(d))
    .join(':');
}

function report(out: Out, verb: string, c: ShimDirChanges): void {
  const total = c.written.length + c.unchanged.length;
  const parts = verb === 'removed' ? [] : [`${total} shims`];
  if (c.written.length) parts.push(`written: ${c.written.join(' ')}`);
  if (c.removed.length) parts.push(`removed: ${c.removed.join(' ')}`);
  if (c.foreign.length) parts.push(`left alone (not ours): ${c.foreign.join(' ')}`);
  out.write(`pipwarden: ${verb}: ${c.dir}${parts.length ? `: ${parts.join('; ')}` : ''}\n`);
}
