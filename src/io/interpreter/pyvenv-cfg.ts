import { join } from 'node:path';
import { readBoundedOrNull, SMALL_CAP } from '../read-bounded.js';

/**
 * `<prefix>/pyvenv.cfg` as Python's site.venv() reads it: `key = value`
 * lines, keys stripped and lower-cased, values stripped. Null when absent.
 */
export function readPyvenvCfg(prefix: string): Map<string, string> | null {
  // Bounded: a venv may come with a cloned repository (docs/security.md).
  const bytes = readBoundedOrNull(join(prefix, 'pyvenv.cfg'), SMALL_CAP);
  if (bytes === null) return null;
  const text = bytes.toString('utf8');
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq === -1) continue;
    out.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return out;
}

/** site.py: system site-packages are visible when the key is absent or "true" (any case). */
export function includesSystemSitePackages(cfg: Map<string, string>): boolean {
  return (cfg.get('include-system-site-packages') ?? 'true').toLowerCase() === 'true';
}
