import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { exists } from './fs-checks.js';

/**
 * `mkdir -p`, one level at a time. Node 20's `mkdirSync(p, { recursive: true })`
 * never returns for a path under /proc (mkdir there keeps failing with
 * ENOENT and Node retries forever); a hung pip would be far worse than a
 * failed cache write, so walk up to the nearest existing dir ourselves.
 */
export function makeDirs(dir: string, mode = 0o777): void {
  const missing: string[] = [];
  let current = dir;
  while (!exists(current)) {
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d, { mode });
    } catch (error) {
      // Another process may have made it between our check and our mkdir.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
