import { join } from 'node:path';
import type { Env } from '../../core/env.js';
import { dataDir, ownDataDir } from '../paths.js';

/**
 * Where the disposable user bases live: PIPWARDEN_DISPOSABLE_DIR, else
 * `<XDG data>/pipwarden/disposable`. One base per Python version
 * (`python3.12/`), as a user base's bin/ is shared between versions.
 */
export function disposableRoot(env: Env): string {
  // This user's own data dir: root with another user's HOME must not have
  // pip leave root-owned files there (paths.ts ownBase).
  return env.PIPWARDEN_DISPOSABLE_DIR || join(ownDataDir(env) ?? dataDir(env), 'disposable');
}

export function disposableBase(env: Env, version: readonly number[]): string {
  return join(disposableRoot(env), `python${version[0]}.${version[1]}`);
}
