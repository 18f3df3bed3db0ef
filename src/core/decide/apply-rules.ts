import { parsePipArgv } from '../argv/index.js';
import type { PipInvocation } from '../argv/types.js';
import type { Call } from '../call.js';
import { globMatcher } from '../config/glob.js';
import type { ResolvedConfig } from '../config/types.js';
import type { Rule, RuleWhen } from '../config/validate-rules.js';
import type { Facts, InterpreterFacts } from '../facts.js';
import type { ExplicitLocation } from '../location.js';
import type { NextStep } from '../outcome.js';
import type { Plan } from '../plan.js';
import type { RuleRef } from '../reason.js';
import { compareVersions } from '../version.js';
import { assemblePlan } from './assemble.js';
import { type RuleApplied, ruleApplied, ruleRefuses } from './draft.js';
import { makeVenv } from './hints.js';
import { type IndexUse, indexUses } from './index-urls.js';
import { neutraliseUser } from './neutralise-user.js';
import { foreignEnv } from './situations/foreign-env.js';
import { newSituation, type Situation } from './situations/situation.js';
import { breaksSystemPackages, explicitLocations, userMode } from './user-mode.js';
import { useVenv } from './venv-target.js';

type PipCall = Extract<Call, { kind: 'pip' }>;

/**
 * The config's first-match rules, checked before the situations. Returns the
 * plan of the first rule whose conditions all hold, or null when none does
 * (the situations decide then).
 */
export function applyRules(
  call: PipCall,
  inv: PipInvocation,
  facts: Facts,
  interp: InterpreterFacts,
  config: ResolvedConfig,
): Plan | null {
  const user = userMode(inv, facts);
  const rule = config.config.rules.find((r) => matches(r.when, inv, facts, interp, user.value));
  if (!rule) return null;
  const s = newSituation(inv, facts, interp, config, user);
  const what: RuleRef = { name: rule.name ?? null, file: rule.file ?? null };
  const by: RuleApplied = {
    action: rule.action,
    source: rule.file ? { level: levelOf(config, rule.file), file: rule.file } : null,
    message: rule.message ?? null,
  };
  const d = s.draft;
  switch (rule.action) {
    case 'refuse': {
      const index = offendingIndex(rule.when, inv, facts);
      if (index) {
        // Name the URL and where pip got it (argv, PIP_*, which pip.conf).
        const why = {
          kind: 'rule-index',
          rule: what,
          url: index.url,
          key: index.key,
          source: index.source,
        } as const;
        const allowed = rule.when.indexNotIn ?? [];
        const step: NextStep = {
          kind: 'approved-index',
          key: index.key,
          source: index.source,
          allowed,
        };
        ruleRefuses(d, by, why, [step]);
        break;
      }
      const location = offendingLocation(rule.when, inv, facts);
      if (location) {
        const why = { kind: 'rule-location', rule: what, location } as const;
        ruleRefuses(d, by, why, [makeVenv(facts, { drop: location })]);
        break;
      }
      // The rule's own message is the refusal itself here, said once.
      const why = { kind: 'rule-refuses', rule: what, message: rule.message ?? null } as const;
      ruleRefuses(d, { ...by, message: null }, why, [refusalStep(rule, s)]);
      break;
    }
    case 'pass':
      ruleApplied(d, by, { kind: 'rule', rule: what, did: 'pass' });
      break;
    case 'user':
      if (user.value !== true) d.addUser = true;
      ruleApplied(d, by, { kind: 'rule-user', rule: what, userSite: interp.userSite });
      break;
    case 'env': {
      neutraliseUser(s);
      const forced = withRule(config, 'onForeignEnv');
      foreignEnv({ ...s, config: forced });
      ruleApplied(d, by, { kind: 'rule', rule: what, did: 'env' });
      break;
    }
    case 'venv':
      useVenv({ ...s, config: withRule(config, 'onNoEnv') }, 'noEnv', { kind: 'rule', rule: what });
      ruleApplied(d, by, { kind: 'rule', rule: what, did: 'venv' });
      break;
  }
  return assemblePlan(call, inv, facts, config, d);
}

function refusalStep(rule: Rule, s: Situation): NextStep {
  if (rule.when.sudo) return makeVenv(s.facts, { withoutSudo: true });
  if (rule.when.breakSystemPackages) return makeVenv(s.facts, { drop: '--break-system-packages' });
  if (rule.when.user) return makeVenv(s.facts, { drop: '--user', orUnset: 'PIP_USER' });
  return makeVenv(s.facts);
}

/** The config with one situation's rule set to its redirecting action and no message. */
function withRule(config: ResolvedConfig, key: 'onForeignEnv' | 'onNoEnv'): ResolvedConfig {
  const action = key === 'onForeignEnv' ? 'env' : 'venv';
  return { ...config, config: { ...config.config, [key]: { action, message: null } } };
}

function levelOf(config: ResolvedConfig, file: string) {
  return config.layers.find((l) => l.file === file)?.level ?? 'org';
}

export function matches(
  when: RuleWhen,
  inv: PipInvocation,
  facts: Facts,
  interp: InterpreterFacts,
  user: boolean | null,
): boolean {
  const is = (want: boolean | undefined, actual: boolean) => want === undefined || want === actual;
  return (
    (when.env === undefined || when.env.includes(interp.envKind)) &&
    is(when.writable, interp.sitePackagesWritable) &&
    is(when.externallyManaged, interp.externallyManaged !== null) &&
    is(when.root, facts.user.isRoot) &&
    is(when.sudo, facts.user.isRoot && facts.user.sudoUser !== null) &&
    is(when.user, user === true) &&
    is(when.breakSystemPackages, breaksSystemPackages(inv, facts)) &&
    (when.subcommand === undefined || when.subcommand.includes(inv.subcommand ?? '')) &&
    (when.python === undefined || when.python.every((c) => versionHolds(c, interp.version))) &&
    (when.cwd === undefined || anyGlob(when.cwd, [facts.cwd])) &&
    (when.packages === undefined || anyGlob(when.packages, requested(inv))) &&
    (when.indexNotIn === undefined || offendingIndex(when, inv, facts) !== undefined) &&
    (when.location === undefined || offendingLocation(when, inv, facts) !== undefined)
  );
}

/** The first explicit location (--target, --prefix, --root, from anywhere) the `location` condition names. */
function offendingLocation(
  when: RuleWhen,
  inv: PipInvocation,
  facts: Facts,
): ExplicitLocation | undefined {
  const kinds = when.location;
  if (kinds === undefined) return undefined;
  return explicitLocations(inv, facts).find((l) => kinds.includes(l.kind));
}

/** The first index or find-links location pip would use that no `indexNotIn` glob allows. */
function offendingIndex(when: RuleWhen, inv: PipInvocation, facts: Facts): IndexUse | undefined {
  const allowed = when.indexNotIn;
  if (allowed === undefined) return undefined;
  return indexUses(inv, facts).find((u) => !anyGlob(allowed, [u.url]));
}

function anyGlob(globs: string[], values: string[]): boolean {
  return globs.some((g) => {
    const matches = globMatcher(g);
    return values.some(matches);
  });
}

/** `>=3.12`, `<3.8`, `==3.11.4`, `3.11` (3.11.*). */
export function versionHolds(constraint: string, version: readonly number[]): boolean {
  const m = /^(>=|<=|==|!=|>|<)?\s*(\d+(?:\.\d+){0,2})$/.exec(constraint.trim());
  if (!m) return false;
  const [, op, want = ''] = m;
  const depth = want.split('.').length;
  const have = version.slice(0, op ? 3 : depth).join('.');
  const c = compareVersions(have, want);
  switch (op) {
    case '>=':
      return c >= 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '<':
      return c < 0;
    case '!=':
      return c !== 0;
    default:
      return c === 0;
  }
}

/** Requested project names (PEP 503-normalised), from requirement positionals; -r files are not read. */
export function requested(inv: PipInvocation): string[] {
  const names: string[] = [];
  for (const p of inv.positionals) {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(p);
    if (m?.[1] && !p.includes('/')) names.push(m[1].toLowerCase().replace(/[-_.]+/g, '-'));
  }
  return names;
}

/** For tests and next-step checks: the same call with extra pip args appended. */
export function withArgs(call: PipCall, extra: string[], pipVersion: string | null): PipCall {
  const pipArgs = [...call.pipArgs, ...extra];
  parsePipArgv(pipArgs, pipVersion);
  return { ...call, pipArgs };
}
