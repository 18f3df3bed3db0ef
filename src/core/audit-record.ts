import type { ResolvedConfig } from './config/types.js';
import type { Plan } from './plan.js';
import { userBaseOf } from './user-base.js';

/** One line of the audit log (JSON). Field names are a format: add, never rename. */
export interface AuditRecord {
  /** ISO 8601, UTC. */
  time: string;
  user: string;
  uid: number | null;
  /** The user behind sudo (SUDO_USER), when pip runs under sudo. */
  sudoUser: string | null;
  cwd: string;
  /** The interpreter pip would run under, when the engine found it. */
  interpreter: string | null;
  /** That interpreter's version (`3.12.1`), so `user list` can tell one user site from another. */
  pythonVersion?: string | null;
  /** The command as the user typed it (name or path, then the arguments). */
  argv: string[];
  /** What runs instead: null for a refusal. */
  final: {
    argv: string[];
    before: string[][];
    set: Record<string, string>;
    unset: string[];
  } | null;
  action: Plan['action'];
  exitCode: number | null;
  reasons: { situation: string; action: string; message: string; source: string | null }[];
  /** The config files that took part, lowest precedence first. */
  sources: { level: string; file: string }[];
}

/** The facts about the caller that only io can know. */
export interface AuditCaller {
  time: Date;
  user: string;
  uid: number | null;
  sudoUser: string | null;
  cwd: string;
}

/**
 * A silent pass (pip runs unchanged and nothing was said) is not recorded:
 * it is most calls, and the log is for decisions someone may ask about.
 * An install into a user base is recorded even so: `pipwarden user list`
 * answers from the log which command put each package there.
 */
export function isSilentPass(plan: Plan): boolean {
  if (plan.action !== 'pass' || plan.notices.length > 0) return false;
  return plan.invocation === null || userBaseOf(plan.invocation, plan.env) === null;
}

export function auditRecord(
  caller: AuditCaller,
  argv: string[],
  plan: Plan,
  config: ResolvedConfig,
): AuditRecord {
  return {
    time: caller.time.toISOString(),
    user: caller.user,
    uid: caller.uid,
    sudoUser: caller.sudoUser,
    cwd: caller.cwd,
    interpreter: plan.facts.interpreter?.executable ?? null,
    pythonVersion: plan.facts.interpreter?.version.join('.') ?? null,
    argv,
    final:
      plan.action === 'refuse'
        ? null
        : {
            argv: plan.command,
            before: plan.action === 'rewrite' ? plan.before : [],
            set: plan.env.set,
            unset: plan.env.unset,
          },
    action: plan.action,
    exitCode: plan.action === 'refuse' ? plan.exitCode : null,
    reasons: plan.reasons.map((r) => ({
      situation: r.situation,
      action: r.action,
      message: r.message,
      source: r.source?.file ?? null,
    })),
    sources: config.layers.map((l) => ({ level: l.level, file: l.file })),
  };
}
