import { explainText } from '../../core/render/explain-text.js';
import type { Command } from '../context.js';
import { prepare } from '../prepare.js';
import { loadChalk, printWarnings } from '../print-notices.js';
import { splitArgs } from '../split-args.js';

/** `pipwarden explain [--json] -- <command…>`: the plan, and nothing run. */
export const explain: Command = async (args, ctx) => {
  const { flags, rest, all } = splitArgs('explain', args);
  const { plan, warnings } = await prepare(rest, { ...ctx, configSets: all.get('--set') });
  await printWarnings(warnings, ctx.stderr);
  if (flags.has('--json')) {
    ctx.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  } else {
    ctx.stdout.write(explainText(plan, await loadChalk()));
  }
  return 0;
};
