import type { AuditRecord } from '../../core/audit-record.js';
import { promptingIds } from '../../core/decide/prompt.js';
import { planToSh } from '../../core/render/plan-sh.js';
import { replayable } from '../../core/replayable.js';
import { auditLogPath } from '../../io/paths.js';
import { type Inputs, startRecording } from '../../io/plan-cache/record-inputs.js';
import { planCacheRequest, savePlan } from '../../io/plan-cache/save-plan.js';
import type { Command, CommandContext } from '../context.js';
import { prepare } from '../prepare.js';
import type { Prepared } from '../prepared.js';
import { audible, printNotices, printWarnings, quietEnv } from '../print-notices.js';
import { decisionRecord, writeDecision } from '../record-decision.js';
import { splitArgs } from '../split-args.js';
import { venvNextStep } from '../venv-next-step.js';

/**
 * The shims' entry: `shell-plan --real <path> --name <name> -- <args…>`.
 * Prints the plan as sh for the shim to eval, so pip is exec'd in the shim's
 * own process and no Node stays resident. Exit 0 means "eval stdout"; any
 * other exit is an error the shim must pass on without running pip.
 *
 * When the shim asks for a plan cache entry (_PIPWARDEN_PLAN_FILE), the
 * decision runs with its reads recorded, and the entry lets the next
 * identical call skip Node while every input is unchanged (io/plan-cache/).
 */
export const shellPlan: Command = async (args, ctx) => {
  const { values, rest } = splitArgs('shell-plan', args, [], ['--real', '--name']);
  const name = values.get('--name');
  const real = values.get('--real') ?? null;
  const command = name === undefined ? rest : [name, ...rest];
  const request = planCacheRequest(ctx.env);
  const recording = request === null ? null : recordDecisionInputs(ctx);
  const dctx = recording?.ctx ?? ctx;
  let decided: {
    prepared: Prepared;
    audit: { record: AuditRecord; log: string | null } | null;
  };
  let inputs: Inputs | undefined;
  try {
    const prepared = await prepare(command, dctx, real, true);
    await printWarnings(prepared.warnings, dctx.stderr);
    await printNotices(
      audible(
        [...prepared.plan.notices, ...venvNextStep(prepared.plan, dctx.env)],
        quietEnv(dctx.env),
      ),
      dctx.stderr,
    );
    // Read while recording: the record's user, cwd and log path are inputs too.
    const record = await decisionRecord(prepared, command, dctx);
    decided = { prepared, audit: record && { record, log: auditLogPath(dctx.env) } };
  } finally {
    // Also when deciding fails (a broken org config): node:fs and process.env come back.
    inputs = recording?.stop();
  }
  const { prepared, audit } = decided;
  const { plan } = prepared;
  await writeDecision(audit?.record ?? null, prepared, ctx);
  const sh = planToSh(plan, { real: real ?? '', args: rest });
  if (request !== null && inputs !== undefined && recording !== null) {
    const main = process.argv[1] ?? '';
    const why =
      replayable(plan, prepared.config, promptingIds(prepared.config).length > 0, main) ??
      savePlan(request, inputs, {
        cwd: ctx.cwd,
        stderrTty: (ctx.stderr as { isTTY?: boolean }).isTTY === true,
        stderr: recording.stderr(),
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
  ctx.stdout.write(sh);
  return 0;
};

/** The context to decide with: its env records reads and its stderr keeps a copy. */
function recordDecisionInputs(ctx: CommandContext) {
  const recording = startRecording(ctx.env, ctx.cwd);
  // main.ts worked ctx.home out of HOME before recording began.
  void recording.env.HOME;
  const printed: string[] = [];
  const stderr = Object.assign(Object.create(ctx.stderr) as NodeJS.WritableStream, {
    write(chunk: string | Uint8Array) {
      printed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      return ctx.stderr.write(chunk);
    },
  });
  return {
    ctx: { ...ctx, env: recording.env, stderr },
    stop: recording.stop,
    stderr: () => printed.join(''),
  };
}
