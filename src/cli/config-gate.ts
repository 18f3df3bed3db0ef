import { LOCK_DISABLE } from '../core/config/types.js';
import { PipwardenError } from '../core/errors.js';
import {
  assertNoConfigErrors,
  assertNoOverrideErrors,
  type LoadedConfig,
} from '../io/config/load-config.js';

/** Whether the org forbids PIPWARDEN_DISABLE: it locked `disable`, or its file is broken. */
export function bypassLocked(loaded: LoadedConfig): boolean {
  return loaded.orgErrors.length > 0 || loaded.resolved.locks[LOCK_DISABLE] !== undefined;
}

/**
 * What bad config means for a call that may change an env (triage already
 * passed the bypass and the read-only calls, which a broken org file does
 * not stop). A bad PIPWARDEN_* variable or `--set` flag stops it as a usage
 * error naming the variable or flag (exit 64); a broken user or project file
 * stops it, naming file and key (exit 78); a broken org file fails closed,
 * with the same exit. Returns the
 * lines for stderr: PIPWARDEN_DISABLE=1 ignored because the org locked it.
 */
export function configGate(loaded: LoadedConfig, env: NodeJS.ProcessEnv): string[] {
  assertNoOverrideErrors(loaded);
  assertNoConfigErrors({ errors: loaded.fileErrors });
  const org = loaded.orgErrors;
  const [first, ...rest] = org;
  if (first !== undefined) {
    const more = rest.length === 0 ? '' : ` (and ${rest.length} more)`;
    throw new PipwardenError(
      'config',
      `${first}${more}; installs are refused until the org config is fixed`,
      'ask whoever manages this machine to fix it (pipwarden config validate FILE checks it); read-only pip commands still run',
    );
  }
  const lock = loaded.resolved.locks[LOCK_DISABLE];
  return env.PIPWARDEN_DISABLE === '1' && lock !== undefined
    ? [`PIPWARDEN_DISABLE=1: ignored, locked by ${lock}`]
    : [];
}
