import type { Call } from '../call.js';
import type { ResolvedConfig } from '../config/types.js';
import type { Facts, InterpreterFacts } from '../facts.js';
import type { NextStep } from '../outcome.js';
import type { Plan } from '../plan.js';
import { renderNotices } from '../render/notices.js';

type PipCall = Extract<Call, { kind: 'pip' }>;
/** The decision without this check, so a suggested step is never checked against itself. */
type Decide = (call: Call, facts: Facts, config: ResolvedConfig) => Plan;

/**
 * A refusal's next steps, checked against the same policy: each
 * alternative it offers (`pip install --user`, a venv) is decided as if the
 * user had taken it, and dropped when the policy would refuse that too.
 * `onNotWritable: refuse` also forbids the explicit --user step: an org that
 * refuses the silent user-site fallback does not want it typed by hand
 * either. With nothing left, the step is to ask whoever set the policy.
 */
export function policeNextSteps(
  plan: Plan,
  call: PipCall,
  facts: Facts,
  config: ResolvedConfig,
  decide: Decide,
): Plan {
  if (plan.action !== 'refuse' || plan.nextSteps.length === 0) return plan;
  const interp = facts.interpreter;
  if (interp === null) return plan;
  const steps = plan.nextSteps;
  const kept = steps.filter((step) => !forbidden(step, call, facts, interp, config, decide));
  if (kept.length === steps.length) return plan;
  const files = [
    ...new Set(
      plan.reasons.flatMap((r) =>
        r.source?.file && r.source.file !== '(default)' ? [r.source.file] : [],
      ),
    ),
  ];
  const nextSteps: NextStep[] = kept.length > 0 ? kept : [{ kind: 'ask-admin', files }];
  const said = { ...plan, nextSteps };
  return { ...said, notices: renderNotices(said, config.config.notices) };
}

function forbidden(
  step: NextStep,
  call: PipCall,
  facts: Facts,
  interp: InterpreterFacts,
  config: ResolvedConfig,
  decide: Decide,
): boolean {
  switch (step.kind) {
    case 'user-install':
      if (config.config.onNotWritable.action === 'refuse' && !interp.sitePackagesWritable)
        return true;
      return refuses(decide, { ...call, pipArgs: [...call.pipArgs, '--user'] }, facts, config);
    case 'make-venv':
    case 'create-venv':
    case 'rebuild-venv':
      return refuses(decide, call, inVenv(facts, interp, step), config);
    default:
      return false;
  }
}

/** The facts as they would be inside the project's `.venv`, made and activated. */
function inVenv(facts: Facts, interp: InterpreterFacts, step: NextStep): Facts {
  const prefix = `${facts.projectRoot.replace(/\/$/, '')}/.venv`;
  const venv: InterpreterFacts = {
    ...interp,
    executable: `${prefix}/bin/python`,
    prefix,
    sitePackagesWritable: true,
    externallyManaged: null,
    enableUserSite: false,
    envKind: 'venv',
    includeSystemSitePackages: false,
    isCondaBase: false,
  };
  const active = {
    kind: 'venv' as const,
    prefix,
    source: 'VIRTUAL_ENV',
    python: venv.executable,
    pip: `${prefix}/bin/pip`,
    isCondaBase: false,
  };
  // "run without sudo inside a venv": the step drops sudo too.
  const withoutSudo = step.kind === 'make-venv' && step.withoutSudo === true;
  const user = withoutSudo ? { ...facts.user, isRoot: false, sudoUser: null } : facts.user;
  const tool = { ...facts.tool, path: `${prefix}/bin/${facts.tool.kind}` };
  return { ...facts, interpreter: venv, activeEnv: active, tool, user };
}

function refuses(decide: Decide, call: PipCall, facts: Facts, config: ResolvedConfig): boolean {
  return decide(call, facts, config).action === 'refuse';
}
