import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exists, safeRealpath } from './fs-checks.js';

/**
 * The package's own files, found from this module: src/io/ and dist/io/
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
  return safeRealpath(exists(bundle) ? bundle : join(PACKAGE_ROOT, 'dist', 'cli', 'main.js'));
}

/** package.json's version: what `--version` prints and every shim is stamped with. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return String(pkg.version);
}

/** A completion script shipped in completions/, or null when it cannot be read. */
export function readCompletion(file: string): string | null {
  try {
    return readFileSync(join(COMPLETIONS_DIR, file), 'utf8');
  } catch {
    return null;
  }
}
