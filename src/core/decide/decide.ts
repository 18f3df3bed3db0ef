import { parsePipArgv } from '../argv/index.js';
import type { PipInvocation } from '../argv/types.js';
import type { Call } from '../call.js';
import type { ResolvedConfig } from '../config/types.js';
import type { Facts } from '../facts.js';
import type { Outcome } from '../outcome.js';
import type { AskPlan, Decision, Plan } from '../plan.js';
import type { Why } from '../reason.js';
import { renderNotices } from '../render/notices.js';
import { reasonText } from '../render/reasons.js';
import { changesEnv } from '../triage.js';
import { applyRules } from './apply-rules.js';
import { assemblePlan } from './assemble.js';
import { explicitLanding } from './landing.js';
import { refuseInPipsPlace } from './pep668-refusal.js';
import { policeNextSteps } from './police-next-steps.js';
import {
  type Answer,
  answeredAs,
  askingSituation,
  offeredVenv,
  offersFor,
  promptingIds,
  withPromptAs,
} from './prompt.js';
import { externallyManaged } from './situations/externally-managed.js';
import { foreignEnv } from './situations/foreign-env.js';
import { noEnv } from './situations/no-env.js';
import { noPip, noPipAtLocation } from './situations/no-pip.js';
import { notWritable } from './situations/not-writable.js';
import { pipPythonMismatch } from './situations/pip-python-mismatch.js';
import { pixiEnv } from './situations/pixi-env.js';
import { newSituation } from './situations/situation.js';
import { sudo } from './situations/sudo.js';
import { userInCondaEnv } from './situations/user-in-conda-env.js';
import { userInVenv } from './situations/user-in-venv.js';
import { userWithLocation } from './situations/user-with-location.js';
import { refuseUnseenPip } from './unseen-pip.js';
import { useDisposableBase } from './use-disposable-base.js';
import { explicitLocation } from './user-mode.js';

/**
 * The whole policy: a pure function from the user's call, the facts of the
 * world and the merged config to a Plan. `explain` prints it, `run` and the
 * shims carry it out; nothing else decides. Where a situation's action is
 * `prompt`, the decision is a question (`ask`, with its offers) until it is
 * given the answer.
 */
export function decide(call: Call, facts: Facts, config: ResolvedConfig): Decision;
export function decide(call: Call, facts: Facts, config: ResolvedConfig, answer: Answer): Plan;
export function decide(
  call: Call,
  facts: Facts,
  config: ResolvedConfig,
  answer?: Answer,
): Decision {
  const ids = promptingIds(config);
  if (ids.length === 0 || call.kind !== 'pip') return decidePolicy(call, facts, config);
  if (answer !== undefined) return withAnswer(call, facts, config, answer);
  // The situation that asks is the one that refuses with every prompt as a refusal.
  const probe = decidePolicy(call, facts, withPromptAs(config, ids, 'refuse'));
  const situation = askingSituation(probe, ids);
  if (situation === null) return decidePolicy(call, facts, withPromptAs(config, ids, 'pip'));
  return ask(probe, situation, facts);
}

function decidePolicy(call: Call, facts: Facts, config: ResolvedConfig): Plan {
  const plan = decideOnce(call, facts, config);
  // A refusal's next steps are checked against the same policy (police-next-steps.ts).
  return call.kind === 'pip' ? policeNextSteps(plan, call, facts, config, decideOnce) : plan;
}

function ask(probe: Plan, situation: AskPlan['situation'], facts: Facts): AskPlan {
  return {
    action: 'ask',
    situation,
    offers: offersFor(situation, facts, offeredVenv(facts)),
    dir: facts.projectRoot,
    outcomes: [],
    nextSteps: [],
    notices: [],
    reasons: probe.reasons,
    invocation: probe.invocation,
    facts,
  };
}

/** The plan for the answer given, saying first how it was got unless the user was asked. */
function withAnswer(
  call: Extract<Call, { kind: 'pip' }>,
  facts: Facts,
  config: ResolvedConfig,
  answer: Answer,
): Plan {
  const as = answeredAs(answer, call, facts, config);
  const plan = decidePolicy(as.call, facts, as.config);
  if (answer.how === 'asked') return plan;
  const { how, choice, dir, from } = answer;
  const said = {
    ...plan,
    outcomes: [{ kind: 'answer' as const, how, choice, dir, from }, ...plan.outcomes],
  };
  return { ...said, notices: renderNotices(said, as.config.config.notices) };
}

function decideOnce(call: Call, facts: Facts, config: ResolvedConfig): Plan {
  if (call.kind !== 'pip') {
    return passPlan(call, facts, null, { kind: 'not-pip', name: call.name });
  }
  const inv = parsePipArgv(call.pipArgs, facts.interpreter?.pipVersion ?? null);
  const subcommand = inv.subcommand;
  if (subcommand === null || !changesEnv(subcommand)) {
    return passPlan(call, facts, inv, { kind: 'no-change', subcommand });
  }
  const unseen = refuseUnseenPip(call, inv, facts, config);
  if (unseen !== null) return unseen;
  if (call.pythonFlags.noSite) {
    return passPlan(call, facts, inv, { kind: 'no-site' });
  }
  const interp = facts.interpreter;
  if (interp === null) {
    return passPlan(call, facts, inv, { kind: 'no-interpreter', tool: facts.tool.path });
  }
  // The org's and user's first-match rules come before the situations.
  const ruled = applyRules(call, inv, facts, interp, config);
  if (ruled !== null) return ruled;
  // A --python after the subcommand is rejected by pip ≥ 23.2 and silently
  // ignored by 22.3–23.1; either way it is pip's to judge, not ours to add to.
  const named = [...inv.globals, ...inv.misplaced].some((o) => o.dest === 'python');
  if (named || facts.pipSettings.python) {
    return passPlan(call, facts, inv, { kind: 'python-named' });
  }
  const location = explicitLocation(inv, facts);
  if (location !== null) {
    // The location is the user's; only a missing pip is ours to supply.
    const s = newSituation(inv, facts, interp, config);
    userWithLocation(s, location);
    const pipless = noPipAtLocation(s, location);
    if (pipless || s.draft.userOff !== null) return assemblePlan(call, inv, facts, config, s.draft);
    const plan = passPlan(call, facts, inv, { kind: 'explicit-location', location });
    const target = config.config.announce ? explicitLanding(inv, facts) : null;
    return target ? announced(plan, target, config) : plan;
  }
  const first = newSituation(inv, facts, interp, config);
  // pip and python disagree: pointed at the importer, the situations below
  // judge that interpreter (its venv, PEP 668 marker, writability).
  const importer = pipPythonMismatch(first);
  const s =
    importer === null
      ? first
      : {
          ...newSituation(inv, { ...facts, interpreter: importer }, importer, config),
          draft: first.draft,
        };
  userInVenv(s);
  userInCondaEnv(s);
  // In a Jupyter kernel the kernel imports, not the env the server's shell
  // had active (its VIRTUAL_ENV is the server's): onForeignEnv stays out.
  const inKernel = facts.jupyterKernel !== undefined;
  // Once pip is pointed at another interpreter (an env, a venv), the facts
  // about this one no longer describe where files land.
  const redirected = (!inKernel && foreignEnv(s)) || noEnv(s) || externallyManaged(s);
  if (!redirected) notWritable(s);
  sudo(s);
  // pip would refuse on an externally managed Python: say so in its place.
  refuseInPipsPlace(s);
  useDisposableBase(s);
  // Last: when pip still runs under this interpreter and it has no pip,
  // only the runner changes (another pip, --python this interpreter), so
  // every rule above (org venv-only, PEP 668, sudo) has judged the target.
  noPip(s);
  // Once the target is settled: a pixi env's lock does not record pip's work.
  pixiEnv(s);
  return assemblePlan(call, inv, s.facts, config, s.draft);
}

/** A plan that also says where the install goes (`announce: true`). */
function announced(plan: Plan, target: Outcome, config: ResolvedConfig): Plan {
  const said = { ...plan, outcomes: [...plan.outcomes, target] };
  return { ...said, notices: renderNotices(said, config.config.notices) };
}

/** The user's own command, unchanged and silent, with the one reason why. */
export function passPlan(call: Call, facts: Facts, inv: PipInvocation | null, why: Why): Plan {
  const args = call.kind === 'pip' ? [...call.prefix, ...call.pipArgs] : call.args;
  const reasons = [
    {
      situation: 'passthrough' as const,
      action: 'pass' as const,
      why,
      message: reasonText(why),
      source: null,
    },
  ];
  return {
    action: 'pass',
    command: [facts.tool.path ?? call.name, ...args],
    env: { set: {}, unset: [] },
    outcomes: [],
    nextSteps: [],
    notices: [],
    reasons,
    invocation: inv,
    facts,
  };
}
