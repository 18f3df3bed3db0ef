import { join } from 'node:path';
import envPaths from 'env-paths';
import type { Config } from '../core/config/types.js';
import type { Facts } from '../core/facts.js';

/**
 * Where the disposable user bases live: PIPWARDEN_DISPOSABLE_DIR, else
 * `<XDG data>/pipwarden/disposable`. One base per Python version
 * (`python3.12/`), as a user base's bin/ is shared between versions.
 */
export function disposableRoot(env: NodeJS.ProcessEnv): string {
  return (
    env.PIPWARDEN_DISPOSABLE_DIR || join(envPaths('pipwarden', { suffix: '' }).data, 'disposable')
  );
}

export function disposableBase(env: NodeJS.ProcessEnv, version: readonly number[]): string {
  return join(disposableRoot(env), `python${version[0]}.${version[1]}`);
}

/** The base decide() should use, or null: off in config, no interpreter, or the user set PYTHONUSERBASE. */
export function disposableBaseFor(
  config: Config,
  facts: Facts,
  env: NodeJS.ProcessEnv,
): string | null {
  if (!config.disposableUserSite || facts.interpreter === null || env.PYTHONUSERBASE) return null;
  return disposableBase(env, facts.interpreter.version);
}
