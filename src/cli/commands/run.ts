import { execute } from '../../io/execute.js';
import type { Command } from '../context.js';
import { prepare } from '../prepare.js';
import { audible, printNotices, printWarnings, quietEnv } from '../print-notices.js';
import { splitArgs } from '../split-args.js';
import { venvNextStep } from '../venv-next-step.js';

/**
 * `pipwarden run -- <command…>`: carry the plan out. pip's exit code (or its
 * signal) comes back unchanged; a refusal exits 77 and pip never runs.
 */
export const run: Command = async (args, ctx) => {
  const { flags, rest } = splitArgs('run', args, ['--quiet']);
  const { plan, warnings } = await prepare(rest, ctx, null, true);
  await printWarnings(warnings, ctx.stderr);
  await printNotices(
    audible(
      [...plan.notices, ...venvNextStep(plan, ctx.env)],
      flags.has('--quiet') || quietEnv(ctx.env),
    ),
    ctx.stderr,
  );
  return execute(plan, ctx.env);
};
