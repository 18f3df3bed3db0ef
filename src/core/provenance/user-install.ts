import { parsePipArgv } from '../argv/index.js';
import type { AuditRecord } from '../audit-record.js';
import { classifyCall } from '../call.js';
import { type NamedRequirement, requirementName } from './requirement-name.js';

/** What one audit record installed into a user base, when it did. */
export interface UserInstall {
  /** PYTHONUSERBASE as the record set it (the disposable base), or null: the default user base. */
  base: string | null;
  /** The arguments that name a project (positionals and `-e` values). */
  requirements: NamedRequirement[];
}

// pip reads PIP_USER through optparse's strtobool (pip/_internal/cli/parser.py).
const TRUE = /^(1|y|yes|t|true|on)$/i;

/**
 * Whether the command that ran (the record's final argv and env change, not
 * what was typed) was a `pip install` into a user base: `--user` last among
 * --user/--no-user (pipwarden's explicit not-writable fallback appends it),
 * PIP_USER set by pipwarden, or the disposable base in PYTHONUSERBASE, which
 * pipwarden sets only for a user install. A refusal ran nothing: null.
 */
export function userInstall(record: AuditRecord): UserInstall | null {
  const final = record.final;
  const program = final?.argv[0];
  if (!final || program === undefined) return null;
  const call = classifyCall(program, final.argv.slice(1));
  if (call?.kind !== 'pip') return null;
  const inv = parsePipArgv(call.pipArgs);
  if (inv.subcommand !== 'install') return null;
  if (inv.options.some((o) => o.dest === 'dry_run')) return null;
  const base = final.unset.includes('PYTHONUSERBASE') ? null : (final.set.PYTHONUSERBASE ?? null);
  const flag = inv.options.filter((o) => o.dest === 'use_user_site').at(-1);
  const pipUser = final.set.PIP_USER;
  const user = flag ? flag.name === '--user' : pipUser !== undefined && TRUE.test(pipUser);
  if (base === null && !user) return null;
  const args = [
    ...inv.positionals,
    ...inv.options.flatMap((o) => (o.dest === 'editables' && o.value !== null ? [o.value] : [])),
  ];
  const requirements = args.flatMap((a) => requirementName(a) ?? []);
  return { base, requirements };
}
