import { join } from 'node:path';
import envPaths from 'env-paths';
import type { Env } from '../core/env.js';

const paths = () => envPaths('pipwarden', { suffix: '' });

/** Where the shims live: PIPWARDEN_SHIM_DIR, else `<XDG data>/pipwarden/shims`. */
export function shimDir(env: Env): string {
  return env.PIPWARDEN_SHIM_DIR || join(paths().data, 'shims');
}

/** Where probe results are cached: PIPWARDEN_CACHE_DIR, else `<XDG cache>/pipwarden`. */
export function cacheDir(env: Env): string {
  return env.PIPWARDEN_CACHE_DIR || paths().cache;
}
