import { join, resolve } from 'node:path';
import { PipwardenError } from '../../core/errors.js';
import type { StaticShell } from '../../core/render/init-static.js';
import { SHIM_DIR_MARKER } from '../../core/render/shim.js';
import { exists } from '../../io/fs-checks.js';
import { packageVersion } from '../../io/package-paths.js';
import { shimDir } from '../../io/paths.js';
import { STATIC_SHELLS, staticInitFile } from '../../io/shell/init-files.js';
import { inspectShimDir } from '../../io/shims/inspect-shim-dir.js';
import type { Command, CommandContext } from '../context.js';
import { splitArgs } from '../split-args.js';
import { initOptions, RENDERERS, writeStaticInit } from '../static-init.js';
import { initCi } from './init-ci.js';
import { writeShims } from './rehash.js';

const HOW: Record<string, string> = {
  bash: 'eval "$(pipwarden init bash)" in ~/.bashrc',
  zsh: 'eval "$(pipwarden init zsh)" in ~/.zshrc',
  fish: 'pipwarden init fish | source in ~/.config/fish/config.fish',
  sh: 'eval "$(pipwarden init sh)" in ~/.profile',
};

const isStatic = (shell: string): shell is StaticShell =>
  (STATIC_SHELLS as readonly string[]).includes(shell);

/**
 * `pipwarden init <shell>`: the shell code that keeps the shim dir first on
 * PATH. Like `pyenv init`, it makes the shims when there are none; it also
 * refreshes the shell's static init file, so the rc line's next shell
 * sources that instead of starting Node. `init --write [shell]` only writes
 * the static files and prints their paths. `init --ci [runner]`: the shims
 * first on PATH for a CI job's later steps (init-ci.ts).
 */
export const init: Command = async (args, ctx) => {
  const { flags, rest: operands } = splitArgs('init', args);
  const write = flags.has('--write');
  if (flags.has('--ci') && !write && operands.length <= 1) return initCi(operands[0], ctx);
  const [shell, ...rest] = operands;
  if (write && rest.length === 0 && (shell === undefined || isStatic(shell))) {
    const dir = resolve(ctx.cwd, shimDir(ctx.env));
    writeStaticInit(dir, ctx.env, shell === undefined ? STATIC_SHELLS : [shell]);
    for (const s of shell === undefined ? STATIC_SHELLS : [shell]) {
      ctx.stdout.write(`${staticInitFile(ctx.env, s)}\n`);
    }
    return 0;
  }
  const render = shell === undefined || write ? undefined : RENDERERS[shell];
  if (render === undefined || shell === undefined || rest.length > 0) {
    throw new PipwardenError(
      'usage',
      `init: expected one of bash, zsh, fish, sh${shell === undefined ? '' : `, got "${args.join(' ')}"`}`,
      `${Object.values(HOW).join(', or ')}; pipwarden init --write [bash|zsh|fish] writes the static files`,
    );
  }
  const dir = resolve(ctx.cwd, shimDir(ctx.env));
  if (!exists(join(dir, SHIM_DIR_MARKER)) || otherVersion(dir)) {
    makeShims(dir, ctx);
  } else {
    try {
      // The `pipwarden` command for every shell; the static file for those with one.
      writeStaticInit(dir, ctx.env, isStatic(shell) ? [shell] : []);
    } catch {
      // A read-only data dir only means the next shell starts Node again.
    }
  }
  ctx.stdout.write(render(initOptions(shell, dir, ctx.env)));
  return 0;
};

/**
 * Shims stamped by another pipwarden version: an upgrade (`npm update -g`,
 * a new .deb, a pull and build) whose first shell lands here, because the
 * static file's guard saw package.json's version move. Beside Node's
 * start, reading the heads of a dozen shims costs little.
 */
function otherVersion(dir: string): boolean {
  const version = packageVersion();
  return inspectShimDir(dir).shims.some((s) => s.stamp !== null && s.stamp.version !== version);
}

/** What `pipwarden rehash` does, said on stderr in one line so the eval still gets clean code. */
function makeShims(dir: string, ctx: CommandContext): void {
  try {
    const { names, changes } = writeShims(dir, ctx.env);
    if (names.length === 0) {
      ctx.stderr.write(
        'pipwarden: init: no pip, pip3, python3 or python3.X on PATH, so there is nothing to route yet\n' +
          'pipwarden: next: install Python (or activate pyenv), then pipwarden rehash\n',
      );
    } else {
      ctx.stderr.write(
        `pipwarden: init: wrote ${changes.written.length} shims in ${dir} (pipwarden rehash after adding a Python)\n`,
      );
    }
  } catch (error) {
    const e = error instanceof PipwardenError ? error : null;
    ctx.stderr.write(
      `pipwarden: init: no shims in ${dir}, so pip is not routed through pipwarden: ${e?.message ?? String(error)}\n` +
        `pipwarden: next: ${e?.hint ?? 'pipwarden rehash'}\n`,
    );
  }
}
