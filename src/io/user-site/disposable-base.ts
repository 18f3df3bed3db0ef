import { join } from 'node:path';
import type { Env } from '../../core/env.js';
import { dataDir } from '../paths.js';

/**
 * Where the disposable user bases live: PIPWARDEN_DISPOSABLE_DIR, else
 * `<XDG data>/pipwarden/disposable`. One base per Python version
 * (`python3.12/`), as a user base's bin/ is shared between versions.
 */
export function disposableRoot(env: Env): string {
  return env.PIPWARDEN_DISPOSABLE_DIR || join(dataDir(env), 'disposable');
}

export function disposableBase(env: Env, version: readonly number[]): string {
  return join(disposableRoot(env), `python${version[0]}.${version[1]}`);
}
