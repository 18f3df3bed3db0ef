import type { Facts } from '../facts.js';
import type { NextStep, Outcome } from '../outcome.js';
import type { Draft, DraftOutcome } from './draft.js';

/**
 * What the user reads on stderr: one line, plus an optional `next:` line.
 * The reasons keep every detail for `explain` (which variables told us, the
 * interpreter pip belonged to); a notice in a conda or pixi shell carried all
 * of that and wrapped to three lines. Each applied situation points at its
 * reason, so the short form follows the reason's situation and action, not
 * its wording. Returns the plan's outcomes, reasons by index.
 */
export function shortOutcomes(draft: Draft, facts: Facts): Outcome[] {
  return foldPixiLock(shortForms(draft, facts));
}

/**
 * pip pointed at the active pixi env already names it: the lock's warning
 * becomes that line's last clause rather than a line of its own.
 */
function foldPixiLock(outcomes: Outcome[]): Outcome[] {
  const lock = outcomes.find((o) => o.kind === 'pixi-lock');
  const into = outcomes.find((o) => o.kind === 'into-env' && o.envKind === 'pixi');
  if (lock?.kind !== 'pixi-lock' || into?.kind !== 'into-env') return outcomes;
  if (into.prefix !== lock.prefix) return outcomes;
  return outcomes.flatMap((o) =>
    o === lock ? [] : o === into ? [{ ...into, unlocked: lock.subcommand }] : [o],
  );
}

function shortForms(draft: Draft, facts: Facts): Outcome[] {
  return draft.outcomes.flatMap((o): Outcome[] => {
    if (o.kind !== 'applied') return [o];
    const { reason } = o;
    if (reason.situation === 'foreignEnv' && reason.action === 'env')
      return foreignEnv(o, draft, facts);
    if (reason.situation === 'notWritable' && reason.action === 'user')
      return notWritable(o, draft, facts);
    if (reason.situation === 'pixiEnv' && reason.action !== 'refuse') return pixiEnv(o, draft);
    return long(o, draft);
  });
}

type Applied = Extract<DraftOutcome, { kind: 'applied' }>;

/** The long form: the reason itself, by its index among the plan's reasons (the draft's, in order). */
function long(o: Applied, draft: Draft): Outcome[] {
  return [{ kind: 'applied', level: o.level, reason: draft.reasons.indexOf(o.reason) }];
}

function foreignEnv(o: Applied, draft: Draft, facts: Facts): Outcome[] {
  const env = facts.activeEnv;
  if (!env) return long(o, draft);
  // pixi add runs instead of the env's pip: its own line says where.
  if (draft.runner.kind === 'pixi') return [];
  return [
    {
      kind: 'into-env',
      level: o.level,
      envKind: env.kind,
      prefix: env.prefix,
      through: draft.pythonOption !== null ? 'python-option' : 'own-pip',
      // Dropping the user's --user or PIP_USER is a change they must hear of.
      userOff: draft.userOff,
    },
  ];
}

function notWritable(o: Applied, draft: Draft, facts: Facts): Outcome[] {
  const i = facts.interpreter;
  if (!i) return long(o, draft);
  // The disposable base says where it went, in its own notice.
  if (draft.envSet.PYTHONUSERBASE !== undefined) return [];
  return [
    {
      kind: 'user-site',
      level: o.level,
      purelib: i.purelib,
      userSite: i.userSite,
      next: i.userScriptsOnPath ? null : { kind: 'add-to-path', dir: i.userScripts },
    },
  ];
}

function pixiEnv(o: Applied, draft: Draft): Outcome[] {
  const said = draft.pixi;
  if (!said) return long(o, draft);
  const { level } = o;
  if (draft.runner.kind === 'pixi') return [{ kind: 'pixi-add', level, root: draft.runner.root }];
  const lock: Outcome = {
    kind: 'pixi-lock',
    level,
    prefix: said.prefix,
    subcommand: said.subcommand,
  };
  if (said.miss === null) return [lock];
  const getPixi = said.miss.kind === 'no-pixi';
  const byHand = said.specs === null && said.subcommand === 'install';
  const next: NextStep | null =
    getPixi || byHand ? { kind: 'pixi-add', specs: said.specs, getPixi } : null;
  return [lock, { kind: 'pixi-miss', level: 'warning', miss: said.miss, next }];
}
