import type { AuditRecord } from '../../core/audit-record.js';
import { promptingIds } from '../../core/decide/prompt.js';
import { keyNamesCall } from '../../core/render/plan-cache-key.js';
import { planToSh } from '../../core/render/plan-sh.js';
import { replayable } from '../../core/replayable.js';
import { auditLogPath } from '../../io/paths.js';
import { decideRecorded, type Recorded } from '../../io/plan-cache/decide-recorded.js';
import { planCacheRequest, savePlan } from '../../io/plan-cache/save-plan.js';
import { droppedPipNames } from '../../io/shell/dropped-env-names.js';
import type { Command, CommandContext } from '../context.js';
import { prepare } from '../prepare.js';
import type { Prepared } from '../prepared-call.js';
import { audible, printNotices, printWarnings, quietEnv } from '../print-notices.js';
import { decisionRecord, writeDecision } from '../record-decision.js';
import { splitArgs } from '../split-args.js';

/**
 * The shims' entry: `shell-plan --real <path> --name <name> -- <args…>`.
 * Prints the plan as sh for the shim to eval, so pip is exec'd in the shim's
 * own process and no Node stays resident. Exit 0 means "eval stdout"; any
 * other exit is an error the shim must pass on without running pip.
 *
 * When the shim asks for a plan cache entry (_PIPWARDEN_PLAN_FILE), the
 * decision runs through the recording door (io/plan-cache/decide-recorded.ts),
 * and the entry lets the next identical call skip Node while every input is
 * unchanged. So: decide (recorded or not), print, save.
 */
export const shellPlan: Command = async (args, ctx) => {
  const { values, rest } = splitArgs('shell-plan', args);
  const name = values.get('--name');
  const real = values.get('--real') ?? null;
  const command = name === undefined ? rest : [name, ...rest];
  const asked = planCacheRequest(ctx.env);
  // Only an entry for this very call: the key comes from the caller's env.
  const request = asked && real !== null && keyNamesCall(asked.key, real, rest) ? asked : null;
  // Before recording: the shim's own environment is not an input of the decision.
  const dropped = droppedPipNames(process.env, process.ppid);
  if (dropped.length > 0) ctx.stderr.write(droppedLine(dropped));
  const decide = async (dctx: CommandContext) => {
    const prepared = await prepare(command, dctx, real, true);
    await printWarnings(prepared.warnings, dctx.stderr);
    await printNotices(audible(prepared.plan.notices, quietEnv(dctx.env)), dctx.stderr);
    // Read while recording: the record's user, cwd and log path are inputs too.
    const record = await decisionRecord(prepared, command, dctx);
    return { prepared, audit: record && { record, log: auditLogPath(dctx.env) } };
  };
  const recorded = request === null ? null : await decideRecorded(ctx, decide);
  const decided = recorded?.value ?? (await decide(ctx));
  const { prepared, audit } = decided;
  await writeDecision(audit?.record ?? null, prepared, ctx);
  const sh = planToSh(prepared.plan, { real: real ?? '', args: rest });
  if (request !== null && recorded !== null) {
    const why = dropped.length > 0 ? `the shell dropped ${dropped.join(' ')}` : null;
    keepPlan(request, recorded, decided, sh, ctx, why);
  }
  ctx.stdout.write(sh);
  return 0;
};

/** Saves the plan cache entry the shim asked for, unless the decision cannot be replayed from sh. */
function keepPlan(
  request: NonNullable<ReturnType<typeof planCacheRequest>>,
  recorded: Recorded<Decided>,
  { prepared, audit }: Decided,
  sh: string,
  ctx: CommandContext,
  /** Why not to keep it, already known before deciding. */
  known: string | null,
): void {
  const main = process.argv[1] ?? '';
  const prompts = promptingIds(prepared.config).length > 0;
  const why =
    known ??
    replayable(prepared.plan, prepared.config, prompts, main) ??
    savePlan(request, recorded.inputs, {
      cwd: ctx.cwd,
      stderrTty: (ctx.stderr as { isTTY?: boolean }).isTTY === true,
      stderr: recorded.stderr,
      plan: sh,
      // The engine's own files, and what names the record's user (getpwuid).
      own: [
        main,
        process.execPath,
        ...(audit === null ? [] : ['/etc/passwd', '/etc/nsswitch.conf']),
      ],
      ...(audit === null ? {} : { audit }),
    });
  if (why !== null && ctx.env.PIPWARDEN_PLAN_CACHE_DEBUG === '1') {
    ctx.stderr.write(`pipwarden: plan cache: not kept: ${why}\n`);
  }
}

interface Decided {
  prepared: Prepared;
  audit: { record: AuditRecord; log: string | null } | null;
}

/** One line: which PIP_* names never reach pip, why, and what to write instead. */
function droppedLine(names: string[]): string {
  const fixed = names.map(
    (n) =>
      `PIP_${n
        .slice(4)
        .replace(/[^A-Za-z0-9_]/g, '_')
        .toUpperCase()}`,
  );
  return `pipwarden: ${names.join(', ')}: not passed on to pip: /bin/sh drops variables whose names are not shell names (dash, busybox, mksh and ksh do), though pip alone reads them. Next: set ${fixed.join(', ')} instead\n`;
}
