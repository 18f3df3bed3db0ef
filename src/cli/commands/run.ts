import { execute } from '../../io/execute.js';
import type { Command } from '../context.js';
import { prepare } from '../prepare.js';
import { printNotices, printWarnings } from '../print-notices.js';
import { splitArgs } from '../split-args.js';

/**
 * `pipwarden run -- <command…>`: carry the plan out. pip's exit code (or its
 * signal) comes back unchanged; a refusal exits 77 and pip never runs.
 */
export const run: Command = async (args, ctx) => {
  const { rest, all } = splitArgs('run', args, [], ['--set']);
  const prepared = await prepare(rest, { ...ctx, configSets: all.get('--set') });
  const { plan, warnings } = prepared;
  // Audit only what is not a silent pass; the module loads only then.
  if (plan.action !== 'pass' || plan.notices.length > 0) {
    await (await import('../audit-decision.js')).auditDecision(prepared, ctx);
  }
  await printWarnings(warnings, ctx.stderr);
  await printNotices(plan.notices, ctx.stderr);
  return execute(plan, ctx.env);
};
