import { parsePipArgv } from '../argv/index.js';
import type { AuditRecord } from '../audit-record.js';
import { classifyCall } from '../call.js';
import { userBaseOf } from '../user-base.js';
import { type NamedRequirement, requirementName } from './requirement-name.js';

/** What one audit record installed into a user base, when it did. */
export interface UserInstall {
  /** PYTHONUSERBASE as the record set it (the disposable base), or null: the default user base. */
  base: string | null;
  /** The arguments that name a project (positionals and `-e` values). */
  requirements: NamedRequirement[];
}

/**
 * Whether the command that ran (the record's final argv and env change, not
 * what was typed) was a `pip install` into a user base (`userBaseOf`), and
 * what it named. A refusal ran nothing: null.
 */
export function userInstall(record: AuditRecord): UserInstall | null {
  const final = record.final;
  const program = final?.argv[0];
  if (!final || program === undefined) return null;
  const call = classifyCall(program, final.argv.slice(1));
  if (call?.kind !== 'pip') return null;
  const inv = parsePipArgv(call.pipArgs);
  const where = userBaseOf(inv, final);
  if (where === null) return null;
  const args = [
    ...inv.positionals,
    ...inv.options.flatMap((o) => (o.dest === 'editables' && o.value !== null ? [o.value] : [])),
  ];
  const requirements = args.flatMap((a) => requirementName(a) ?? []);
  return { base: where.base, requirements };
}
