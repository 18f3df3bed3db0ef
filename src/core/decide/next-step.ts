import type { Call } from '../call.js';
import type { ResolvedConfig } from '../config/types.js';
import type { Facts, InterpreterFacts } from '../facts.js';
import type { Plan } from '../plan.js';

type PipCall = Extract<Call, { kind: 'pip' }>;
/** The decision without this check, so a suggested step is never checked against itself. */
type Decide = (call: Call, facts: Facts, config: ResolvedConfig) => Plan;

/**
 * A refusal's `next:` line, checked against the same policy: each
 * alternative it offers (`pip install --user`, `python3 -m venv .venv …`) is
 * decided as if the user had taken it, and dropped when the policy would
 * refuse that too. `onNotWritable: refuse` also forbids the explicit --user
 * step: an org that refuses the silent user-site fallback does not want it
 * typed by hand either. With nothing left, the line points at the policy.
 */
export function policeNextStep(
  plan: Plan,
  call: PipCall,
  facts: Facts,
  config: ResolvedConfig,
  decide: Decide,
): Plan {
  if (plan.action !== 'refuse') return plan;
  const at = plan.notices.findIndex((n) => n.level === 'error' && n.text.startsWith('next: '));
  const notice = plan.notices[at];
  if (!notice || facts.interpreter === null) return plan;
  const interp = facts.interpreter;
  const steps = notice.text.slice('next: '.length).split(/, or | or (?=pip |python|\S+ -m )/);
  const kept = steps.filter((step) => !forbidden(step, call, facts, interp, config, decide));
  if (kept.length === steps.length) return plan;
  const files = [
    ...new Set(plan.reasons.map((r) => r.source?.file).filter((f) => f && f !== '(default)')),
  ];
  const text =
    kept.length > 0
      ? `next: ${kept.join(', or ')}`
      : `next: the policy${files.length ? ` in ${files.join(', ')}` : ''} allows no install here; ask whoever manages this machine`;
  const notices = [...plan.notices];
  notices[at] = { level: 'error', text };
  return { ...plan, notices };
}

function forbidden(
  step: string,
  call: PipCall,
  facts: Facts,
  interp: InterpreterFacts,
  config: ResolvedConfig,
  decide: Decide,
): boolean {
  if (/pip install --user\b/.test(step)) {
    if (config.config.onNotWritable.action === 'refuse' && !interp.sitePackagesWritable)
      return true;
    return refuses(decide, { ...call, pipArgs: [...call.pipArgs, '--user'] }, facts, config);
  }
  if (/-m venv\b/.test(step)) {
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
    const user = /without sudo/.test(step)
      ? { ...facts.user, isRoot: false, sudoUser: null }
      : facts.user;
    const tool = { ...facts.tool, path: `${prefix}/bin/${facts.tool.kind}` };
    return refuses(
      decide,
      call,
      { ...facts, interpreter: venv, activeEnv: active, tool, user },
      config,
    );
  }
  if (/--break-system-packages\b/.test(step)) {
    return refuses(
      decide,
      { ...call, pipArgs: [...call.pipArgs, '--break-system-packages'] },
      facts,
      config,
    );
  }
  return false;
}

function refuses(decide: Decide, call: PipCall, facts: Facts, config: ResolvedConfig): boolean {
  return decide(call, facts, config).action === 'refuse';
}
