import {
  appendSubcommandOptions,
  insertGlobal,
  parsePipArgv,
  removeOptions,
} from '../argv/index.js';
import type { PipInvocation } from '../argv/types.js';
import type { Call } from '../call.js';
import type { ResolvedConfig } from '../config/types.js';
import { EXIT_CODES } from '../errors.js';
import type { Facts } from '../facts.js';
import type { DraftReason, Plan, Reason } from '../plan.js';
import { renderNotices } from '../render/notices.js';
import { reasonText } from '../render/reasons.js';
import type { Draft } from './draft.js';
import { shortOutcomes } from './short-outcomes.js';

/** Turn a finished draft into the Plan value: argv edits applied, one at a time. */
export function assemblePlan(
  call: Extract<Call, { kind: 'pip' }>,
  inv: PipInvocation,
  facts: Facts,
  config: ResolvedConfig,
  draft: Draft,
): Plan {
  const show = config.config.notices;
  if (draft.refusal) {
    const said = {
      outcomes: shortOutcomes(draft, facts),
      reasons: draft.reasons.map(worded),
      nextSteps: draft.refusal.steps,
      refused: draft.refusal.why,
    };
    return {
      action: 'refuse',
      exitCode: EXIT_CODES.refused,
      ...said,
      refusal: reasonText(said.refused),
      notices: renderNotices(said, show),
      invocation: inv,
      facts,
    };
  }
  const pipArgs = editArgv(inv, draft, facts.interpreter?.pipVersion ?? null);
  const command = runnerCommand(call, facts, draft, pipArgs);
  const original = [facts.tool.path ?? call.name, ...call.prefix, ...call.pipArgs];
  const env = { set: { ...draft.envSet }, unset: [...draft.envUnset] };
  const changed =
    draft.before.length > 0 ||
    Object.keys(env.set).length > 0 ||
    env.unset.length > 0 ||
    command.length !== original.length ||
    command.some((t, i) => t !== original[i]);
  const reasons: DraftReason[] = draft.reasons.length
    ? draft.reasons
    : [
        {
          situation: 'passthrough',
          action: 'pass',
          why: { kind: 'nothing-applies' },
          source: null,
        },
      ];
  const said = {
    outcomes: shortOutcomes(draft, facts),
    reasons: reasons.map(worded),
    nextSteps: draft.after,
  };
  const notices = renderNotices(said, show);
  if (!changed) {
    return { action: 'pass', command, env, ...said, notices, invocation: inv, facts };
  }
  return {
    action: 'rewrite',
    command,
    env,
    before: draft.before,
    ...(draft.runner.kind === 'pixi' ? { dir: draft.runner.root } : {}),
    ...said,
    notices,
    invocation: inv,
    facts,
  };
}

/** A reason with its sentence, as the renderer writes it. */
function worded(r: DraftReason): Reason {
  return { ...r, message: reasonText(r.why) };
}

function editArgv(inv: PipInvocation, draft: Draft, pipVersion: string | null): string[] {
  let current = inv;
  if (draft.removeUser)
    current = parsePipArgv(removeOptions(current, ['use_user_site']), pipVersion);
  const append: string[] = [];
  if (draft.addUser) append.push('--user');
  if (draft.addBreakSystemPackages) append.push('--break-system-packages');
  if (append.length) current = parsePipArgv(appendSubcommandOptions(current, append), pipVersion);
  // pip ≥ 23.x only accepts --python before the subcommand (it re-executes
  // itself under that interpreter while parsing the general options).
  if (draft.pythonOption !== null) {
    current = parsePipArgv(insertGlobal(current, ['--python', draft.pythonOption]), pipVersion);
  }
  return current.argv;
}

function runnerCommand(
  call: Extract<Call, { kind: 'pip' }>,
  facts: Facts,
  draft: Draft,
  pipArgs: string[],
): string[] {
  const runner = draft.runner;
  switch (runner.kind) {
    case 'original':
      return [facts.tool.path ?? call.name, ...call.prefix, ...pipArgs];
    case 'pip-script':
      return [runner.path, ...pipArgs];
    case 'python':
      // python -I -m pip keeps its flags; a pip script becomes `python -m pip`.
      return call.tool === 'python'
        ? [runner.python, ...call.prefix, ...pipArgs]
        : [runner.python, '-m', 'pip', ...pipArgs];
    case 'pixi':
      // --manifest-path beats a pixi.toml in the cwd, which pixi's discovery
      // would otherwise prefer to PIXI_PROJECT_MANIFEST (docs/security.md).
      return [runner.exe, 'add', '--manifest-path', runner.manifest, '--pypi', ...runner.specs];
  }
}
