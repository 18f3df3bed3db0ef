import { PipwardenError } from '../../core/errors.js';
import type { OrgState, OrgWants } from '../../core/org/org-facts.js';
import { type Gap, planOrgApply } from '../../core/org/plan-org.js';
import { coveredText, gapText, type OrgDone, orgDoneText } from '../../core/render/org-report.js';
import { applyOrgPlan, undoOrg } from '../../io/org/apply-org.js';
import { gatherOrg } from '../../io/org/gather-org.js';
import { sha256, writeState } from '../../io/org/org-files.js';
import type { Command, CommandContext } from '../context.js';
import { splitArgs } from '../split-args.js';

/** `org apply --check`: some governed interpreter or pip setting is not covered (docs/exit-codes.md). */
export const EXIT_UNCOVERED = 79;

/**
 * `pipwarden org apply [--check|--undo]`: the org policy at pip's own level
 * (docs/organisations.md, "A backstop at pip's level"). apply writes pip's
 * EXTERNALLY-MANAGED marker into each governed base interpreter and the
 * org's settings into /etc/pip.conf, recording each file it wrote; --undo
 * removes exactly those; --check reports each gap, for monitoring.
 */
export const org: Command = async (args, ctx) => {
  if (args[0] !== 'apply') {
    throw new PipwardenError(
      'usage',
      args[0] === undefined ? 'org: which action? (apply)' : `org: unknown action "${args[0]}"`,
      'pipwarden org apply [--check|--undo]',
    );
  }
  const { flags, rest } = splitArgs('org apply', args.slice(1));
  if (rest.length > 0) {
    throw new PipwardenError(
      'usage',
      `org apply: unexpected argument "${rest[0]}"`,
      'pipwarden org apply [--check|--undo]',
    );
  }
  if (flags.has('--check') && flags.has('--undo')) {
    throw new PipwardenError(
      'usage',
      'org apply: --check and --undo do not go together',
      'pipwarden org apply --check',
    );
  }
  const check = flags.has('--check');
  if (!check && process.geteuid?.() !== 0) {
    throw new PipwardenError(
      'denied',
      'org apply: writes into system interpreters and /etc/pip.conf, so it needs root',
      `sudo pipwarden org apply${flags.has('--undo') ? ' --undo' : ''} (or pipwarden org apply --check as anyone)`,
    );
  }
  const facts = await gatherOrg();
  if (facts.orgErrors.length > 0) {
    for (const e of facts.orgErrors) ctx.stderr.write(`pipwarden: error: ${e}\n`);
    throw new PipwardenError(
      'config',
      'org apply: the org config is invalid; nothing was changed',
      'fix the lines above, check with pipwarden config validate /etc/pipwarden/config.yaml',
    );
  }
  const say = (done: OrgDone) => ctx.stdout.write(`pipwarden org apply: ${orgDoneText(done)}\n`);
  if (flags.has('--undo')) {
    const left = save(() => undoOrg(facts.state, say));
    if (left.markers.length === 0 && left.pipConf === null) {
      ctx.stdout.write("pipwarden org apply: undone; nothing of pipwarden's is left\n");
    }
    return 0;
  }
  const plan = planOrgApply(facts.wants, facts.interpreters, facts.state, facts.pipConf, sha256);
  if (check) return report(ctx, checkGaps(plan, facts.wants.pipSettings), facts.wants);
  save(() => applyOrgPlan(plan, facts.state, say));
  for (const gap of [...plan.gaps, ...plan.pipConfConflicts]) {
    ctx.stderr.write(`pipwarden: warning: ${gapText(gap)}\n`);
  }
  return 0;
};

/** Runs an effect and writes the state it leaves, also when it failed part-way. */
function save(effect: () => OrgState): OrgState {
  try {
    const state = effect();
    writeState(state);
    return state;
  } catch (error) {
    const partial = (error as { orgState?: OrgState }).orgState;
    if (partial) writeState(partial);
    if (error instanceof PipwardenError || !(error as NodeJS.ErrnoException).code) throw error;
    // EROFS, ENOSPC, EACCES…: one line naming the file (Node's message does), what was done is recorded.
    throw new PipwardenError(
      'io',
      `org apply: ${(error as Error).message}`,
      'fix that (a read-only or full file system?), then run pipwarden org apply again; --check shows what is in place',
    );
  }
}

/** What apply would still have to do, and what it cannot: each a gap. */
function checkGaps(plan: ReturnType<typeof planOrgApply>, settings: Record<string, string>): Gap[] {
  const gaps: Gap[] = [];
  for (const step of plan.markers) {
    if (step.kind === 'write')
      gaps.push({ kind: 'no-marker', python: step.python, path: step.path });
  }
  gaps.push(...plan.gaps, ...plan.pipConfConflicts);
  if (plan.pipConf) {
    for (const [key, want] of Object.entries(settings)) {
      if (!plan.pipConfConflicts.some((g) => g.kind === 'pip-conf' && g.key === key)) {
        gaps.push({ kind: 'pip-conf', path: plan.pipConf.path, key, want, has: null });
      }
    }
  }
  return gaps;
}

function report(ctx: CommandContext, gaps: Gap[], wants: OrgWants): number {
  for (const gap of gaps) ctx.stdout.write(`pipwarden org apply: ${gapText(gap)}\n`);
  if (gaps.length > 0) return EXIT_UNCOVERED;
  ctx.stdout.write(
    `pipwarden org apply: ${coveredText(wants.marker !== null, Object.keys(wants.pipSettings))}\n`,
  );
  return 0;
}
