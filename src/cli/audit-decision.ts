import type { CommandContext } from './context.js';
import type { Prepared } from './prepare.js';
import { printWarnings } from './print-notices.js';

/**
 * Appends the audit record of a decision that is not a silent pass. Callers
 * import this module only for such decisions, so a silent pass (the common
 * case) loads nothing and writes nothing.
 */
export async function auditDecision(p: Prepared, ctx: CommandContext): Promise<void> {
  if (p.plan.action === 'pass' && p.plan.notices.length === 0) return;
  const { auditRecord, writeAudit } = await import('../io/audit.js');
  const problems = writeAudit(auditRecord(p.call, p.facts, p.config, p.plan), p.config);
  await printWarnings(problems, ctx.stderr);
}
