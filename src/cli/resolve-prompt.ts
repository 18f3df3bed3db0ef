import type { Call } from '../core/call.js';
import type { PromptChoice, ResolvedConfig, SituationId } from '../core/config/types.js';
import { decide } from '../core/decide/decide.js';
import {
  askingSituation,
  type Offer,
  offersFor,
  promptingIds,
  withPromptAs,
  withUser,
} from '../core/decide/prompt.js';
import { PipwardenError } from '../core/errors.js';
import type { Facts } from '../core/facts.js';
import type { Notice } from '../core/plan.js';
import { rememberAnswer, rememberedAnswer } from '../io/shell/prompt-answers.js';
import { askOnTty, canAsk } from '../io/shell/tty.js';
import { disposableBase } from '../io/user-site/disposable-base.js';
import type { CommandContext } from './context.js';

export interface PromptOutcome {
  call: Call;
  config: ResolvedConfig;
  facts: Facts;
  notices: Notice[];
}

/**
 * The `prompt` action: find the situation that would ask, get an answer
 * (remembered for this project, asked on the terminal, or the configured
 * non-interactive default, said out loud), and turn it into an ordinary
 * call and config for decide(). `ask: false` (explain) never asks.
 */
export async function resolvePrompt(
  call: Call,
  facts: Facts,
  config: ResolvedConfig,
  ctx: CommandContext,
  ask: boolean,
): Promise<PromptOutcome> {
  const ids = promptingIds(config);
  const same = { call, config, facts, notices: [] };
  if (ids.length === 0 || call.kind !== 'pip') return same;
  const id = askingSituation(decide(call, facts, withPromptAs(config, ids, 'refuse')), ids);
  if (id === null) return { ...same, config: withPromptAs(config, ids, 'pip') };
  const venv = facts.configuredVenv?.path ?? `${facts.projectRoot}/.venv`;
  const offers = offersFor(id, facts, venv);
  const dir = facts.projectRoot;
  const notices: Notice[] = [];
  let choice = rememberedAnswer(ctx.env, dir);
  if (choice !== null) {
    notices.push({ level: 'notice', text: `using your remembered answer for ${dir}: ${choice}` });
  } else if (ask && canAsk(ctx.env, process.stdin.isTTY === true)) {
    const answer = await askMenu(id, facts, offers, dir);
    if (answer === null) throw cancelled(id);
    choice = answer.choice;
    if (answer.remember) rememberAnswer(ctx.env, dir, choice);
  } else {
    choice = config.config.promptDefault;
    const from = config.sources.promptDefault?.file ?? 'default';
    notices.push({
      level: 'notice',
      text: ask
        ? `no terminal to ask on: applying promptDefault: ${choice} [${from}]`
        : `on a terminal this would ask; shown with promptDefault: ${choice} [${from}]`,
    });
  }
  if (!offers.some((o) => o.choice === choice) && choice !== 'pip') choice = 'pip';
  if (choice === 'cancel') throw cancelled(id, notices[0]?.text);
  return { ...apply(choice, id, call, facts, config, ctx), notices };
}

function apply(
  choice: PromptChoice,
  id: SituationId,
  call: Extract<Call, { kind: 'pip' }>,
  facts: Facts,
  config: ResolvedConfig,
  ctx: CommandContext,
): Omit<PromptOutcome, 'notices'> {
  const ids = promptingIds(config);
  switch (choice) {
    case 'cancel':
      throw cancelled(id);
    case 'venv':
      return { call, facts, config: withPromptAs(config, ids, 'venv') };
    case 'pip':
      return { call, facts, config: withPromptAs(config, ids, 'pip') };
    case 'user':
      return { call: withUser(call), facts, config: withPromptAs(config, ids, 'pip') };
    case 'disposable': {
      const base = facts.interpreter
        ? disposableBase(ctx.env, facts.interpreter.version)
        : undefined;
      const next = withPromptAs(config, ids, 'pip');
      return {
        call: withUser(call),
        facts: base === undefined ? facts : { ...facts, disposableUserBase: base },
        config: { ...next, config: { ...next.config, disposableUserSite: true } },
      };
    }
  }
}

async function askMenu(
  id: SituationId,
  facts: Facts,
  offers: Offer[],
  dir: string,
): Promise<{ choice: PromptChoice; remember: boolean } | null> {
  const i = facts.interpreter;
  const why =
    id === 'notWritable'
      ? `${i?.purelib} is not writable`
      : id === 'externallyManaged'
        ? `${i?.executable} is externally managed (PEP 668)`
        : `${i?.executable ?? 'this Python'} is not in a venv, conda or pixi env`;
  const menu = offers.map((o, n) => `  ${n + 1}) ${o.label}`).join('\n');
  const header = `pipwarden: ${why}. Install where?\n${menu}\n`;
  const question = `choice [1-${offers.length}] (add ! to remember it for ${dir}): `;
  for (let tries = 0; tries < 3; tries++) {
    const raw = await askOnTty(tries === 0 ? header : '', question);
    if (raw === null) return null;
    const m = /^\s*(\d+)\s*(!?)\s*$/.exec(raw);
    const offer = m ? offers[Number(m[1]) - 1] : undefined;
    if (offer) return { choice: offer.choice, remember: m?.[2] === '!' };
  }
  return null;
}

function cancelled(id: SituationId, why?: string): PipwardenError {
  return new PipwardenError(
    'refused',
    `cancelled at the prompt (${id}${why ? `; ${why}` : ''}); pip did not run`,
    'run pip again on a terminal to choose, or set promptDefault in config',
  );
}
