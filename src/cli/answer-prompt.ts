import type { Answer } from '../core/decide/prompt.js';
import { PipwardenError } from '../core/errors.js';
import type { AskPlan, Offer } from '../core/plan.js';
import { answerText } from '../core/render/notices.js';
import { rememberAnswer, rememberedAnswer } from '../io/shell/prompt-answers.js';
import { askOnTty, canAsk } from '../io/shell/tty.js';
import type { CommandContext } from './context.js';

/**
 * The answer to a plan's question: remembered for this project, asked on
 * the terminal, or the configured non-interactive default (which the plan
 * then says out loud). `ask: false` (explain) never asks. Cancelling stops
 * here: pip does not run, and there is nothing left to decide.
 */
export async function answerPrompt(
  plan: AskPlan,
  ctx: CommandContext,
  ask: boolean,
  promptDefault: Answer['choice'] | 'cancel',
  from: string,
): Promise<Answer> {
  const { situation, dir, offers } = plan;
  const remembered = rememberedAnswer(ctx.env, dir);
  if (remembered !== null) return answer(plan, remembered, 'remembered', from);
  if (ask && canAsk(ctx.env, process.stdin.isTTY === true)) {
    const asked = await askMenu(plan, offers);
    if (asked === null) throw cancelled(situation);
    if (asked.remember) rememberAnswer(ctx.env, dir, asked.choice);
    return answer(plan, asked.choice, 'asked', from);
  }
  return answer(plan, promptDefault, ask ? 'default-no-tty' : 'default-explain', from);
}

function answer(plan: AskPlan, choice: Offer['choice'], how: Answer['how'], from: string): Answer {
  const { situation, dir } = plan;
  if (choice === 'cancel') {
    const said =
      how === 'asked' ? undefined : answerText({ kind: 'answer', how, choice, dir, from });
    throw cancelled(situation, said);
  }
  return { situation, choice, how, dir, from };
}

async function askMenu(
  plan: AskPlan,
  offers: Offer[],
): Promise<{ choice: Offer['choice']; remember: boolean } | null> {
  const i = plan.facts.interpreter;
  const imp = plan.facts.importer;
  const why =
    plan.situation === 'pipPythonMismatch' && imp
      ? `pip is ${i?.executable}'s, but ${imp.via === 'kernel' ? 'this Jupyter kernel' : imp.name} is ${imp.interpreter.executable}`
      : plan.situation === 'notWritable'
        ? `${i?.purelib} is not writable`
        : plan.situation === 'externallyManaged'
          ? `${i?.executable} is externally managed (PEP 668)`
          : `${i?.executable ?? 'this Python'} is not in a venv, conda or pixi env`;
  const menu = offers.map((o, n) => `  ${n + 1}) ${o.label}`).join('\n');
  const header = `pipwarden: ${why}. Install where?\n${menu}\n`;
  const question = `choice [1-${offers.length}] (add ! to remember it for ${plan.dir}): `;
  for (let tries = 0; tries < 3; tries++) {
    const raw = await askOnTty(tries === 0 ? header : '', question);
    if (raw === null) return null;
    const m = /^\s*(\d+)\s*(!?)\s*$/.exec(raw);
    const offer = m ? offers[Number(m[1]) - 1] : undefined;
    if (offer) return { choice: offer.choice, remember: m?.[2] === '!' };
  }
  return null;
}

function cancelled(id: string, why?: string): PipwardenError {
  return new PipwardenError(
    'refused',
    `cancelled at the prompt (${id}${why ? `; ${why}` : ''}); pip did not run`,
    'run pip again on a terminal to choose, or set promptDefault in config',
  );
}
