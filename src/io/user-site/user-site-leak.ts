import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../../core/env.js';
import type { ActiveEnv } from '../../core/facts.js';
import { homeDir } from '../paths.js';

/** A distribution in the user site that an active env's python also imports. */
export interface LeakedDist {
  name: string;
  version: string;
  /** The env's own copy it hides (the user site comes first on sys.path), or null: it only adds. */
  shadows: string | null;
}

export interface UserSiteLeak {
  env: ActiveEnv;
  userSite: string;
  dists: LeakedDist[];
}

/**
 * A conda or pixi env is a whole interpreter, so site.py puts the user site
 * (~/.local/lib/pythonX.Y/site-packages) on its sys.path ahead of the env's
 * own site-packages (conda/conda#7173, prefix-dev/pixi#2859): what pip
 * --user put there for that Python shadows or adds to the env. Read from
 * the dist-info dir names, nothing run. Null: no such env, the user site
 * is off (PYTHONNOUSERSITE), or it holds nothing.
 */
export function userSiteLeak(active: ActiveEnv | null, env: Env): UserSiteLeak | null {
  if (active === null || (active.kind !== 'conda' && active.kind !== 'pixi')) return null;
  if (env.PYTHONNOUSERSITE) return null;
  const version = active.pythonVersion ?? null;
  if (version === null) return null;
  const rel = join('lib', `python${version}`, 'site-packages');
  const userSite = join(env.PYTHONUSERBASE || join(homeDir(env), '.local'), rel);
  const user = dists(userSite);
  if (user.size === 0) return null;
  const own = dists(join(active.prefix, rel));
  const leaked = [...user].map(([key, d]) => ({ ...d, shadows: own.get(key)?.version ?? null }));
  return { env: active, userSite, dists: leaked.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** `name-version.dist-info` and `.egg-info` entries, by PEP 503 name. */
function dists(site: string): Map<string, { name: string; version: string }> {
  const out = new Map<string, { name: string; version: string }>();
  let entries: string[];
  try {
    entries = readdirSync(site);
  } catch {
    return out;
  }
  for (const e of entries) {
    const m = /^([^-]+)-([^-]+?)(?:-py[^-]*)?\.(?:dist|egg)-info$/.exec(e);
    if (!m?.[1] || !m[2]) continue;
    out.set(m[1].toLowerCase().replace(/[-_.]+/g, '-'), { name: m[1], version: m[2] });
  }
  return out;
}
