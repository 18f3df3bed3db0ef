import type { PipInvocation } from './argv/types.js';

// pip reads PIP_USER through optparse's strtobool (pip/_internal/cli/parser.py).
const TRUE = /^(1|y|yes|t|true|on)$/i;

/**
 * Whether a pip argv with this env change installs into a user base, and
 * which: `{ base: null }` for the default one (~/.local), the PYTHONUSERBASE
 * pipwarden set for the disposable one, or null for no user install.
 * `--user` last among --user/--no-user (pipwarden's explicit not-writable
 * fallback appends it), PIP_USER set by pipwarden, or the disposable base,
 * which pipwarden sets only for a user install. What the user's own env or
 * pip.conf says is not in the argv or the change, so not seen here.
 */
export function userBaseOf(
  inv: PipInvocation,
  env: { set: Record<string, string>; unset: string[] },
): { base: string | null } | null {
  if (inv.subcommand !== 'install') return null;
  if (inv.options.some((o) => o.dest === 'dry_run')) return null;
  const base = env.unset.includes('PYTHONUSERBASE') ? null : (env.set.PYTHONUSERBASE ?? null);
  const flag = inv.options.filter((o) => o.dest === 'use_user_site').at(-1);
  const pipUser = env.set.PIP_USER;
  const user = flag ? flag.name === '--user' : pipUser !== undefined && TRUE.test(pipUser);
  return base === null && !user ? null : { base };
}
