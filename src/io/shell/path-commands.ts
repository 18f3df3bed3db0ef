import { realpathSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseShimStamp } from '../../core/render/shim.js';
import { isExecutableFile, readHead } from '../fs-checks.js';

export interface PathHit {
  /** As found: `<PATH entry>/<name>`. */
  path: string;
  /** After symlinks (`/usr/bin/pip` → `/usr/bin/pip3.11`), or null when it cannot be resolved. */
  realpath: string | null;
  /** A pipwarden shim (it carries our stamp). */
  pipwardenShim: boolean;
  /** A pyenv shim dir entry, which re-dispatches to a pyenv version. */
  pyenvShim: boolean;
}

/**
 * Every executable called `name` on PATH, in the order the shell would try
 * them (`which -a`), so doctor can show what shadows what. A dir listed twice
 * is shown once, as execvp would only ever reach its first entry.
 */
export function allOnPath(name: string, pathValue: string, cwd: string): PathHit[] {
  const seen = new Set<string>();
  const out: PathHit[] = [];
  for (const entry of pathValue.split(':')) {
    const dir = entry === '' ? cwd : isAbsolute(entry) ? entry : resolve(cwd, entry);
    const key = safeRealpath(dir) ?? dir;
    if (seen.has(key)) continue;
    seen.add(key);
    const path = join(dir, name);
    if (!isExecutableFile(path)) continue;
    out.push({
      path,
      realpath: safeRealpath(path),
      pipwardenShim: parseShimStamp(readHead(path, 512) ?? '') !== null,
      pyenvShim: /\/\.pyenv\/shims$/.test(dir.replace(/\/$/, '')),
    });
  }
  return out;
}

function safeRealpath(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}
