import { readFileSync, rmdirSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Env } from '../../core/env.js';
import type { StaticShell } from '../../core/render/init-static.js';
import { makeDirs } from '../make-dirs.js';
import { dataDir } from '../paths.js';
import { unlinkQuietly, writeIfChanged } from '../shims/write-atomic.js';

/** The shells whose rc line sources a static file. */
export const STATIC_SHELLS: readonly StaticShell[] = ['bash', 'zsh', 'fish'];

/** A marker in the `pipwarden` command file, so removal only takes our own. */
export const BIN_MARKER = '# pipwarden-bin';

/** `<XDG data>/pipwarden/init/init.<shell>`: what install.sh's rc line sources. */
export function staticInitFile(env: Env, shell: StaticShell): string {
  return join(dataDir(env), 'init', `init.${shell}`);
}

/** `<XDG data>/pipwarden/bin`: holds only a `pipwarden` command, appended to PATH by init. */
export function pipwardenBinDir(env: Env): string {
  return join(dataDir(env), 'bin');
}

/** The `pipwarden` command in the bin dir: the node and CLI the shims use. */
export function binScript(node: string, main: string, quote: (s: string) => string): string {
  return `#!/bin/sh\n${BIN_MARKER}: written by pipwarden rehash\nexec ${quote(node)} ${quote(main)} "$@"\n`;
}

/**
 * Write `text` to `path` unless it already holds it; either way leave it
 * newer than `main`, since the static file's guard treats an older file as
 * stale (tsc rewrites main.js on every build, content unchanged or not).
 * True when the bytes changed.
 */
export function writeInitFile(path: string, text: string, mode: number, main: string): boolean {
  makeDirs(dirname(path));
  const changed = writeIfChanged(dirname(path), baseName(path), text, mode);
  const built = mtime(main);
  if (!changed && mtime(path) <= built) {
    // Never older than main.js, even when its mtime is ahead of our clock.
    const when = new Date(Math.max(Date.now(), built + 1000));
    utimesSync(path, when, when);
  }
  return changed;
}

/** Remove the static init files and the bin command; the paths removed. */
export function removeInitFiles(env: Env): string[] {
  const removed: string[] = [];
  const bin = join(pipwardenBinDir(env), 'pipwarden');
  const files = [
    ...STATIC_SHELLS.map((sh) => staticInitFile(env, sh)),
    ...(isOurBin(bin) ? [bin] : []),
  ];
  for (const f of files) if (unlinkQuietly(f)) removed.push(f);
  for (const d of [dirname(staticInitFile(env, 'bash')), pipwardenBinDir(env)]) {
    try {
      rmdirSync(d);
    } catch {
      // Not empty (someone else's file) or already gone: leave it.
    }
  }
  return removed;
}

function isOurBin(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').includes(BIN_MARKER);
  } catch {
    return false;
  }
}

function baseName(path: string): string {
  return path.slice(dirname(path).length + 1);
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
