import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's own files, found from this module: src/cli/ and dist/cli/
 * are both two levels below the package root, so the same URL works when
 * the CLI runs built and when tests import the sources.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `completions/` beside dist/: the scripts `completion` prints and `init` sources. */
export const COMPLETIONS_DIR = join(PACKAGE_ROOT, 'completions');

/**
 * The built CLI entry the shims run, through symlinks (npm's global bin
 * links), so a shim keeps working whatever PATH holds: the bundle
 * (scripts/bundle.mjs; Node loads it faster) when the build made one, else
 * package.json's bin.
 */
export function cliMain(): string {
  const bundle = join(PACKAGE_ROOT, 'dist', 'bundle', 'main.js');
  const main = existsSync(bundle) ? bundle : join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
  try {
    return realpathSync(main);
  } catch {
    return main;
  }
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return String(pkg.version);
}
