import { execute } from '../../io/execute.js';
import type { Command } from '../context.js';
import { prepare } from '../prepare.js';
import { printNotices, printWarnings } from '../print-notices.js';
import { recordDecision } from '../record-decision.js';
import { splitArgs } from '../split-args.js';

/**
 * `pipwarden run -- <command…>`: carry the plan out. pip's exit code (or its
 * signal) comes back unchanged; a refusal exits 77 and pip never runs.
 */
export const run: Command = async (args, ctx) => {
  const { rest } = splitArgs('run', args, []);
  const prepared = await prepare(rest, ctx);
  const { plan, warnings } = prepared;
  await printWarnings(warnings, ctx.stderr);
  await printNotices(plan.notices, ctx.stderr);
  await recordDecision(prepared, rest, ctx);
  return execute(plan, ctx.env);
};
