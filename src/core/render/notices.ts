import type { Outcome, PixiMiss } from '../outcome.js';
import type { Notice, Plan } from '../plan.js';
import type { Why } from '../reason.js';
import { targetText } from './mismatch-text.js';
import { stepsText, stepText } from './next-steps.js';
import { reasonText, userOffText } from './reasons.js';
import { describeSource } from './source-text.js';

/** What the renderer reads of a plan: everything it says, as values. */
export type Said = Pick<Plan, 'outcomes' | 'reasons' | 'nextSteps'> & { refused?: Why };

/**
 * The lines a plan prints on stderr (without the `pipwarden:` prefix, which
 * `formatNotice` adds): its outcomes, then a refusal and its `next:` line,
 * or the next step after the run. The shim, `run` and `explain` all print
 * these lines, so what explain shows is what the shim prints.
 * `notices: false` (config) silences the plain notices of the outcomes; the
 * prompt's answer and the closing next step keep printing, as ever.
 */
export function renderNotices(said: Said, notices: boolean): Notice[] {
  const lines = said.outcomes.flatMap((o): Notice[] => {
    const out = outcomeLines(o, said);
    // The announcement is asked for by name (`announce: true`), not a notice.
    return notices || o.kind === 'answer' || o.kind === 'target'
      ? out
      : out.filter((n) => n.level !== 'notice');
  });
  const ordered = [...lines];
  if (said.refused !== undefined) {
    ordered.push({ level: 'error', text: `refused: ${reasonText(said.refused)}` });
    if (said.nextSteps.length > 0)
      ordered.push({ level: 'error', text: `next: ${stepsText(said.nextSteps)}` });
  } else if (said.nextSteps.length > 0) {
    ordered.push({ level: 'notice', text: `next: ${stepsText(said.nextSteps)}` });
  }
  return ordered;
}

function outcomeLines(o: Outcome, said: Said): Notice[] {
  switch (o.kind) {
    case 'applied':
      return [{ level: o.level, text: reasonWords(said.reasons[o.reason]?.why) }];
    case 'into-env': {
      const how =
        o.through === 'python-option'
          ? 'through pip --python: it has no pip of its own'
          : 'with its own pip';
      const what = o.envKind === 'venv' ? 'venv' : `${o.envKind} env`;
      const lock = o.unlocked ? `; ${unlockedText(o.unlocked)}` : '';
      const doing = o.unlocked === 'uninstall' ? 'uninstalling from' : 'installing into';
      return [
        {
          level: o.level,
          text: `${doing} the active ${what} ${o.prefix}, ${how}${userOffText(o.userOff)}${lock}`,
        },
      ];
    }
    case 'user-site': {
      const out: Notice[] = [
        {
          level: o.level,
          text: `${o.purelib} is not writable: installing with --user into ${o.userSite}`,
        },
      ];
      if (o.next) out.push({ level: o.level, text: `next: ${stepText(o.next)}` });
      return out;
    }
    case 'disposable-base':
      return [
        { level: 'notice', text: `installing with --user into the disposable user site ${o.base}` },
        { level: 'notice', text: `next: ${stepText(o.next)}` },
      ];
    case 'pixi-lock': {
      const into = o.subcommand === 'install' ? 'into' : 'from';
      return [
        {
          level: o.level,
          text: `pip ${o.subcommand}s ${into} pixi env ${o.prefix}; ${unlockedText(o.subcommand)}`,
        },
      ];
    }
    case 'pixi-miss': {
      const out: Notice[] = [
        { level: o.level, text: `onPixiEnv: pixi-add not used: ${pixiMissText(o.miss)}` },
      ];
      if (o.next) out.push({ level: o.level, text: `next: ${stepText(o.next)}` });
      return out;
    }
    case 'pixi-add':
      return [
        {
          level: o.level,
          text: `running pixi add --pypi in ${o.root} instead of pip, so pixi's manifest and lock file record it`,
        },
      ];
    case 'message':
      return [{ level: o.level, text: o.text }];
    case 'answer':
      return [{ level: 'notice', text: answerText(o) }];
    case 'target':
      return [{ level: 'notice', text: targetText(o) }];
  }
}

/** The clause that says pixi's lock will not keep what pip did. */
function unlockedText(subcommand: 'install' | 'uninstall'): string {
  const undo = subcommand === 'install' ? 'undo it' : 'put it back';
  return `pixi's lock file does not record it, so the next pixi command may ${undo} (prefix-dev/pixi#1233)`;
}

/** Why `onPixiEnv: pixi-add` ran pip after all, in words. */
function pixiMissText(m: PixiMiss): string {
  switch (m.kind) {
    case 'option':
      return `pixi add --pypi has no equivalent for ${m.option}, so pip runs as typed`;
    case 'requirement':
      return `${m.arg} is not a plain requirement (name[extras] and version specifiers), so pip runs as typed`;
    case 'no-requirement':
      return 'the call names no requirement, so pip runs as typed';
    case 'setting':
      return `pixi does not read pip's ${m.key} (${describeSource(m.source)}), so pip runs as typed`;
    case 'uninstall':
      return 'it applies to pip install only, so pip runs as typed';
    case 'no-pixi':
      return 'pixi is not on PATH (absolute entries only), so pip runs as typed';
    case 'no-project':
      return `${m.variable} is not set (pixi shell and pixi run set it), so pip runs as typed`;
    case 'environment':
      return `the active pixi environment is ${m.name ?? '(unnamed)'}, and pixi add records into the default one, so pip runs as typed`;
    case 'not-active':
      return `pixi env ${m.prefix} is not the active one, so pip runs as typed`;
  }
}

/** The line that says how the prompt was answered without asking. */
export function answerText(o: Extract<Outcome, { kind: 'answer' }>): string {
  switch (o.how) {
    case 'remembered':
      return `using your remembered answer for ${o.dir}: ${o.choice}`;
    case 'default-no-tty':
      return `no terminal to ask on: applying promptDefault: ${o.choice} [${o.from}]`;
    case 'default-explain':
      return `on a terminal this would ask; shown with promptDefault: ${o.choice} [${o.from}]`;
  }
}

function reasonWords(why: Why | undefined): string {
  return why === undefined ? '' : reasonText(why);
}
