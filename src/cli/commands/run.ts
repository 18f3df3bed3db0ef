import { PipwardenError } from '../../core/errors.js';
import type { Plan } from '../../core/plan.js';
import { execScript } from '../../core/render/run-sh.js';
import { execute } from '../../io/execute.js';
import { rawArgvTail } from '../../io/raw-argv.js';
import type { Command } from '../context.js';
import { prepare } from '../prepare.js';
import { audible, printNotices, printWarnings, quietEnv } from '../print-notices.js';
import { recordDecision } from '../record-decision.js';
import { splitArgs } from '../split-args.js';

/**
 * `pipwarden run -- <command…>`: carry the plan out. pip's exit code (or its
 * signal) comes back unchanged; a refusal exits 77 and pip never runs.
 */
export const run: Command = async (args, ctx) => {
  const { flags, rest, all } = splitArgs('run', args);
  const prepared = await prepare(rest, { ...ctx, configSets: all.get('--set') }, null, true);
  const { plan, warnings } = prepared;
  await printWarnings(warnings, ctx.stderr);
  await printNotices(audible(plan.notices, flags.has('--quiet') || quietEnv(ctx.env)), ctx.stderr);
  await recordDecision(prepared, rest, ctx);
  return execute(keepBytes(plan, rest.slice(1)), ctx.env);
};

/**
 * Node decoded our argv; an argument that was not UTF-8 would reach pip as
 * U+FFFD. With its raw bytes (Linux /proc), exec the command through an sh
 * script that rebuilds them; without them, refuse rather than change them.
 */
function keepBytes(plan: Plan, original: string[]): Plan {
  if (plan.action === 'refuse' || !original.some((a) => a.includes('\uFFFD'))) return plan;
  const raw = rawArgvTail(original);
  if (raw === null) {
    const k = original.findIndex((a) => a.includes('\uFFFD'));
    throw new PipwardenError(
      'usage',
      `run: argument ${k + 1} (${JSON.stringify(original[k])}) is not valid UTF-8 or holds U+FFFD, and without /proc pipwarden run cannot pass its bytes on unchanged`,
      'use the shims (pip …, python -m pip …), which pass every argument byte for byte',
    );
  }
  return { ...plan, command: ['/bin/sh', '-c', execScript(plan.command, original, raw), 'sh'] };
}
