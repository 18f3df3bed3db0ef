import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `<prefix>/pyvenv.cfg` as Python's site.venv() reads it: `key = value`
 * lines, keys stripped and lower-cased, values stripped. Null when absent.
 */
export function readPyvenvCfg(prefix: string): Map<string, string> | null {
  let text: string;
  try {
    text = readFileSync(join(prefix, 'pyvenv.cfg'), 'utf8');
  } catch {
    return null;
  }
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
