import { type AuditRecord, auditRecord, isSilentPass } from '../core/audit-record.js';
import type { CommandContext } from './context.js';
import type { Prepared } from './prepared-call.js';

/**
 * The audit record of a decision, or null for a silent pass, which is not
 * recorded: it is most calls, so the common call loads nothing here.
 */
export async function decisionRecord(
  prepared: Prepared,
  argv: string[],
  ctx: CommandContext,
): Promise<AuditRecord | null> {
  if (isSilentPass(prepared.plan)) return null;
  const { auditCaller } = await import('../io/audit/write-audit.js');
  return auditRecord(auditCaller(ctx.env, ctx.cwd), argv, prepared.plan, prepared.config);
}

/**
 * Appends the record to the audit log (src/io/audit/), after the decision is
 * made and before it is carried out. A log that cannot be written costs one
 * warning line, never the user's pip.
 */
export async function writeDecision(
  record: AuditRecord | null,
  prepared: Prepared,
  ctx: CommandContext,
): Promise<void> {
  if (record === null) return;
  const { writeAudit } = await import('../io/audit/write-audit.js');
  const problems = writeAudit(record, prepared.config.config.audit, ctx.env);
  if (problems.length > 0) {
    ctx.stderr.write(
      `pipwarden: warning: audit record not written: ${problems.join('; ')}; the decision stands (next: fix the path's permissions, or set audit.log: false)\n`,
    );
  }
}

/** Both, for a decision carried out at once (`run`). */
export async function recordDecision(
  prepared: Prepared,
  argv: string[],
  ctx: CommandContext,
): Promise<void> {
  await writeDecision(await decisionRecord(prepared, argv, ctx), prepared, ctx);
}
