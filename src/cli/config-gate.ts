import { parsePipArgv } from '../core/argv/index.js';
import type { Call } from '../core/call.js';
import { LOCK_DISABLE } from '../core/config/types.js';
import { PipwardenError } from '../core/errors.js';
import { changesEnv } from '../core/triage.js';
import { assertNoConfigErrors, type LoadedConfig } from '../io/config/load-config.js';

export interface Gate {
  /** Set when the call runs unchanged whatever the policy says, with the reason. */
  pass: string | null;
  /** Lines for stderr (a broken org file, an ignored PIPWARDEN_DISABLE). */
  warnings: string[];
}

/**
 * What bad config and PIPWARDEN_DISABLE mean for this call. A broken user
 * or project file stops everything (exit 78). A broken org file fails
 * closed: a call that may change an env is refused (exit 78), one that
 * cannot (`--version`, list, show, freeze…) still runs, as the shims let it.
 * PIPWARDEN_DISABLE=1 bypasses the engine unless the org locked `disable`
 * or its file is broken (then no one can tell what it locked).
 */
/** Whether the org forbids PIPWARDEN_DISABLE: it locked `disable`, or its file is broken. */
export function bypassLocked(loaded: LoadedConfig): boolean {
  return loaded.orgErrors.length > 0 || loaded.resolved.locks[LOCK_DISABLE] !== undefined;
}

export function configGate(loaded: LoadedConfig, call: Call, env: NodeJS.ProcessEnv): Gate {
  const org = loaded.orgErrors;
  assertNoConfigErrors({ errors: loaded.errors.filter((e) => !org.includes(e)) });
  const wantsOff = env.PIPWARDEN_DISABLE === '1';
  if (org.length > 0) {
    const sub = call.kind === 'pip' ? parsePipArgv(call.pipArgs, null).subcommand : null;
    const readOnly = call.kind !== 'pip' || !changesEnv(sub);
    const [first, ...rest] = org;
    const more = rest.length === 0 ? '' : ` (and ${rest.length} more)`;
    if (!readOnly) {
      throw new PipwardenError(
        'config',
        `${first}${more}; installs are refused until the org config is fixed`,
        'ask whoever manages this machine to fix it (pipwarden config validate FILE checks it); read-only pip commands still run',
      );
    }
    return {
      pass: `the org config is invalid: only read-only pip commands run (${first})`,
      warnings: [],
    };
  }
  const lock = loaded.resolved.locks[LOCK_DISABLE];
  if (wantsOff && lock !== undefined) {
    return { pass: null, warnings: [`PIPWARDEN_DISABLE=1: ignored, locked by ${lock}`] };
  }
  return { pass: wantsOff ? 'PIPWARDEN_DISABLE=1' : null, warnings: [] };
}
