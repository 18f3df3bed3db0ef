import { auditRecord, isSilentPass } from '../core/audit-record.js';
import type { CommandContext } from './context.js';
import type { Prepared } from './prepared.js';

/**
 * Appends the decision to the audit log (src/io/audit/), after it is made and
 * before it is carried out. A silent pass returns before anything is loaded,
 * so the common call pays nothing; a log that cannot be written costs one
 * warning line, never the user's pip.
 */
export async function recordDecision(
  prepared: Prepared,
  argv: string[],
  ctx: CommandContext,
): Promise<void> {
  if (isSilentPass(prepared.plan)) return;
  const { auditCaller, writeAudit } = await import('../io/audit/write-audit.js');
  const record = auditRecord(auditCaller(ctx.env, ctx.cwd), argv, prepared.plan, prepared.config);
  const problems = writeAudit(record, prepared.config.config.audit, ctx.env);
  if (problems.length > 0) {
    ctx.stderr.write(
      `pipwarden: warning: audit record not written: ${problems.join('; ')}; the decision stands (next: fix the path's permissions, or set audit.log: false)\n`,
    );
  }
}
