import { PipwardenError } from '../../core/errors.js';
import { shimDir } from '../../io/paths.js';
import { findShimLoops } from '../../io/shims/shim-loops.js';
import { userSiteLeak } from '../../io/user-site/user-site-leak.js';
import { chalkFor } from '../colour.js';
import type { Command, CommandContext } from '../context.js';
import {
  configChecks,
  disabledCheck,
  hookCheck,
  interpreterChecks,
  mismatchCheck,
  nodeCheck,
  pathChecks,
  pipSettingChecks,
  planCacheCheck,
  shimChecks,
  zshCompletionCheck,
} from '../doctor/checks.js';
import { gatherDoctor } from '../doctor/gather.js';
import { renderDoctor } from '../doctor/render.js';
import type { Check, DoctorReport } from '../doctor/report.js';
import { userSiteLeakCheck } from '../doctor/user-site-leak.js';
import { splitArgs } from '../split-args.js';

/**
 * `pipwarden doctor [--json]`: what `pip install` will do here, the facts
 * behind it, and every problem with its fix. `--json` prints the same report.
 * Exit 1 when any check fails.
 */
export const doctor: Command = async (args, ctx) => {
  const { flags, rest } = splitArgs('doctor', args);
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
    ...mismatchCheck(facts),
    ...pipSettingChecks(facts),
    ...(await shimLoopCheck(ctx)),
    ...disabledCheck(facts),
    ...planCacheCheck(facts),
    ...userSiteLeakCheck(userSiteLeak(facts.activeEnv, ctx.env)),
  ];
  const report: DoctorReport = { ...facts, checks };
  if (flags.has('--json')) {
    ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    ctx.stdout.write(renderDoctor(report, await chalkFor(ctx.stdout, ctx.env)));
  }
  return checks.some((c) => c.status === 'fail') ? 1 : 0;
};

/** Shims whose real command is a shim manager that falls back to PATH, i.e. back to the shim. */
async function shimLoopCheck(ctx: CommandContext): Promise<Check[]> {
  const loops = await findShimLoops(shimDir(ctx.env), ctx.env, ctx.cwd);
  if (loops.length === 0) return [];
  const via = [...new Set(loops.map((l) => l.real.slice(0, l.real.lastIndexOf('/'))))].join(', ');
  const names = loops.map((l) => (l.next ? `${l.name} (then ${l.next})` : l.name));
  return [
    {
      status: 'warn',
      what: `${names.join(' ')}: ${via} has none of its own and falls back to PATH, which leads back to pipwarden's shim; each goes on to the next on PATH, or ends with "command not found" (127)`,
      next: 'select a version that has them (pyenv shell/local/global, asdf or mise)',
    },
  ];
}
