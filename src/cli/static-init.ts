import { join } from 'node:path';
import type { Env } from '../core/env.js';
import { initBash } from '../core/render/init-bash.js';
import { initFish } from '../core/render/init-fish.js';
import type { InitOptions } from '../core/render/init-options.js';
import { initSh } from '../core/render/init-sh.js';
import { type StaticShell, staticInit } from '../core/render/init-static.js';
import { initZsh } from '../core/render/init-zsh.js';
import { shQuote } from '../core/render/quote.js';
import { exists } from '../io/fs-checks.js';
import { COMPLETIONS_DIR, cliMain, PACKAGE_ROOT, packageVersion } from '../io/package-paths.js';
import {
  binScript,
  pipwardenBinDir,
  STATIC_SHELLS,
  staticInitFile,
  writeInitFile,
} from '../io/shell/init-files.js';

export const RENDERERS: Record<string, (opts: InitOptions) => string> = {
  bash: initBash,
  zsh: initZsh,
  fish: initFish,
  sh: initSh,
};

/** The options `init` renders with: the shim dir, completions, and the bin dir when it holds our command. */
export function initOptions(shell: string, shimDir: string, env: Env): InitOptions {
  const bin = pipwardenBinDir(env);
  return {
    shimDir,
    completionsDir: shell !== 'sh' && exists(COMPLETIONS_DIR) ? COMPLETIONS_DIR : null,
    binDir: exists(join(bin, 'pipwarden')) ? bin : null,
    engine: { node: process.execPath, main: cliMain() },
  };
}

/**
 * Write the static init file of each shell, and the `pipwarden` command
 * they put on PATH: what the rc line sources so no Node starts with a
 * shell. `shells` narrows it (init refreshes only its own). The paths written.
 */
export function writeStaticInit(
  shimDir: string,
  env: NodeJS.ProcessEnv,
  shells: readonly StaticShell[] = STATIC_SHELLS,
): string[] {
  const main = cliMain();
  const written: string[] = [];
  const bin = join(pipwardenBinDir(env), 'pipwarden');
  if (writeInitFile(bin, binScript(process.execPath, main, shQuote), 0o755, main)) {
    written.push(bin);
  }
  const key = [env.PIPWARDEN_SHIM_DIR ?? '', env.XDG_DATA_HOME ?? '', env.HOME ?? ''].join(':');
  for (const shell of shells) {
    const file = staticInitFile(env, shell);
    const text = staticInit({
      shell,
      body: RENDERERS[shell]!(initOptions(shell, shimDir, env)),
      file,
      main,
      packageJson: join(PACKAGE_ROOT, 'package.json'),
      version: packageVersion(),
      shimDir,
      key,
    });
    if (writeInitFile(file, text, 0o644, main)) written.push(file);
  }
  return written;
}
