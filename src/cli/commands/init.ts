import { join, resolve } from 'node:path';
import { PipwardenError } from '../../core/errors.js';
import { initBash } from '../../core/render/init-bash.js';
import { initFish } from '../../core/render/init-fish.js';
import type { InitOptions } from '../../core/render/init-options.js';
import { initSh } from '../../core/render/init-sh.js';
import { initZsh } from '../../core/render/init-zsh.js';
import { SHIM_DIR_MARKER } from '../../core/render/shim.js';
import { exists, isDir } from '../../io/fs-checks.js';
import { COMPLETIONS_DIR } from '../../io/package-paths.js';
import { shimDir } from '../../io/paths.js';
import type { Command } from '../context.js';

const RENDERERS: Record<string, (opts: InitOptions) => string> = {
  bash: initBash,
  zsh: initZsh,
  fish: initFish,
  sh: initSh,
};

const HOW: Record<string, string> = {
  bash: 'eval "$(pipwarden init bash)" in ~/.bashrc',
  zsh: 'eval "$(pipwarden init zsh)" in ~/.zshrc',
  fish: 'pipwarden init fish | source in ~/.config/fish/config.fish',
  sh: 'eval "$(pipwarden init sh)" in ~/.profile',
};

/** `pipwarden init <shell>`: the shell code that keeps the shim dir first on PATH. */
export const init: Command = async (args, ctx) => {
  const [shell, ...rest] = args;
  const render = shell === undefined ? undefined : RENDERERS[shell];
  if (render === undefined || rest.length > 0) {
    throw new PipwardenError(
      'usage',
      `init: expected one of bash, zsh, fish, sh${shell === undefined ? '' : `, got "${[shell, ...rest].join(' ')}"`}`,
      Object.values(HOW).join(', or '),
    );
  }
  const dir = resolve(ctx.cwd, shimDir(ctx.env));
  const completionsDir = shell !== 'sh' && isDir(COMPLETIONS_DIR) ? COMPLETIONS_DIR : null;
  ctx.stdout.write(render({ shimDir: dir, completionsDir }));
  if (!exists(join(dir, SHIM_DIR_MARKER))) {
    // stderr, so the eval still gets clean code.
    ctx.stderr.write(
      `pipwarden: init: no shims in ${dir} yet, so pip is not routed through pipwarden\n` +
        'pipwarden: next: pipwarden rehash\n',
    );
  }
  return 0;
};
