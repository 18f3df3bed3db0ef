import { PipwardenError } from '../../core/errors.js';
import { chalkFor } from '../colour.js';
import type { Command } from '../context.js';
import {
  configChecks,
  disabledCheck,
  hookCheck,
  interpreterChecks,
  nodeCheck,
  pathChecks,
  pipSettingChecks,
  shimChecks,
  zshCompletionCheck,
} from '../doctor/checks.js';
import { gatherDoctor } from '../doctor/gather.js';
import { renderDoctor } from '../doctor/render.js';
import type { Check, DoctorReport } from '../doctor/report.js';
import { splitArgs } from '../split-args.js';

/**
 * `pipwarden doctor [--json]`: what `pip install` will do here, the facts
 * behind it, and every problem with its fix. `--json` prints the same report.
 * Exit 1 when any check fails.
 */
export const doctor: Command = async (args, ctx) => {
  const { flags, rest } = splitArgs('doctor', args, ['--json']);
  if (rest.length > 0) {
    throw new PipwardenError(
      'usage',
      `doctor: unexpected argument "${rest[0]}"`,
      'pipwarden doctor [--json]',
    );
  }
  const facts = await gatherDoctor(ctx);
  // Each check reads the gathered facts and returns its findings. A new
  // check is one more line here (and a function in doctor/checks.ts).
  const checks: Check[] = [
    ...nodeCheck(facts),
    ...shimChecks(facts),
    ...hookCheck(facts),
    ...zshCompletionCheck(facts),
    ...pathChecks(facts),
    ...configChecks(facts),
    ...interpreterChecks(facts),
    ...pipSettingChecks(facts),
    ...disabledCheck(facts),
  ];
  const report: DoctorReport = { ...facts, checks };
  if (flags.has('--json')) {
    ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    ctx.stdout.write(renderDoctor(report, await chalkFor(ctx.stdout, ctx.env)));
  }
  return checks.some((c) => c.status === 'fail') ? 1 : 0;
};
