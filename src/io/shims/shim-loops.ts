import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { execa } from 'execa';
import { toolOf } from '../../core/call.js';
import { SHIM_DIR_MARKER } from '../../core/render/shim.js';
import { isExecutableFile, listDir } from '../fs-checks.js';

type Env = Record<string, string | undefined>;

/** A shim whose real command leads back to a shim (a PATH-fallback shim manager). */
export interface ShimLoop {
  name: string;
  /** The command the shim would exec, e.g. pyenv's `shims/python3.10`. */
  real: string;
  /** Where the shim goes on after that re-entry (the next on PATH), or null: 127. */
  next: string | null;
}

const SENTINEL = 'pipwarden-shim-loop-probe';

/**
 * Which shims in `shimDir` lead back to themselves: each name's real command
 * (the first on PATH outside shim dirs, as the shim finds it) is run with
 * `--version` and a PATH in which the shim dir is replaced by a dir of
 * stand-ins that only print a sentinel. A shim manager with no such command
 * of its own (pyenv's system fallback, asdf, mise) falls back to PATH and
 * runs a stand-in; a real command prints its version. The shim itself ends
 * such a loop with 127 (see FIND_REAL), so this only reports it.
 */
export async function findShimLoops(shimDir: string, env: Env, cwd: string): Promise<ShimLoop[]> {
  const names = listDir(shimDir).filter((n) => toolOf(n) !== null);
  if (names.length === 0) return [];
  const probe = mkdtempSync(join(tmpdir(), 'pipwarden-loop-'));
  try {
    for (const name of names) {
      writeFileSync(join(probe, name), `#!/bin/sh\necho ${SENTINEL}\n`);
      chmodSync(join(probe, name), 0o755);
    }
    const entries = (env.PATH ?? '').split(':');
    const probePath = entries.map((d) => (isShimDir(d, cwd) ? probe : d)).join(':');
    const found = await Promise.all(
      names.map(async (name): Promise<ShimLoop | null> => {
        const [real, next = null] = reals(name, entries, cwd);
        if (real === undefined) return null;
        const r = await execa(real, ['--version'], {
          env: { ...env, PATH: probePath, PIPWARDEN_DISABLE: '1' },
          extendEnv: false,
          cwd,
          reject: false,
          timeout: 10_000,
          stdin: 'ignore',
        });
        return String(r.stdout).includes(SENTINEL) ? { name, real, next } : null;
      }),
    );
    return found.filter((l): l is ShimLoop => l !== null);
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** The first two candidates for `name` on PATH outside shim dirs, as the shim walks it. */
function reals(name: string, entries: string[], cwd: string): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    if (out.length === 2) break;
    if (isShimDir(entry, cwd)) continue;
    const candidate = join(absolute(entry, cwd), name);
    if (isExecutableFile(candidate)) out.push(candidate);
  }
  return out;
}

function isShimDir(entry: string, cwd: string): boolean {
  return existsSync(join(absolute(entry, cwd), SHIM_DIR_MARKER));
}

function absolute(entry: string, cwd: string): string {
  return entry === '' ? cwd : isAbsolute(entry) ? entry : resolve(cwd, entry);
}
