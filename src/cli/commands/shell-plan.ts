import { planToSh } from '../../core/render/plan-sh.js';
import type { Command } from '../context.js';
import { prepare } from '../prepare.js';
import { audible, printNotices, printWarnings, quietEnv } from '../print-notices.js';
import { recordDecision } from '../record-decision.js';
import { splitArgs } from '../split-args.js';
import { venvNextStep } from '../venv-next-step.js';

/**
 * The shims' entry: `shell-plan --real <path> --name <name> -- <args…>`.
 * Prints the plan as sh for the shim to eval, so pip is exec'd in the shim's
 * own process and no Node stays resident. Exit 0 means "eval stdout"; any
 * other exit is an error the shim must pass on without running pip.
 */
export const shellPlan: Command = async (args, ctx) => {
  const { values, rest } = splitArgs('shell-plan', args, [], ['--real', '--name']);
  const name = values.get('--name');
  const real = values.get('--real') ?? null;
  const command = name === undefined ? rest : [name, ...rest];
  const prepared = await prepare(command, ctx, real, true);
  const { plan, warnings } = prepared;
  await printWarnings(warnings, ctx.stderr);
  await printNotices(
    audible([...plan.notices, ...venvNextStep(plan, ctx.env)], quietEnv(ctx.env)),
    ctx.stderr,
  );
  await recordDecision(prepared, command, ctx);
  ctx.stdout.write(planToSh(plan, { real: real ?? '', args: rest }));
  return 0;
};
