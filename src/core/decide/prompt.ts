import { appendSubcommandOptions, parsePipArgv } from '../argv/index.js';
import type { Call } from '../call.js';
import {
  type PromptChoice,
  type ResolvedConfig,
  SITUATIONS,
  type SituationId,
} from '../config/types.js';
import type { Facts } from '../facts.js';
import type { AnswerHow } from '../outcome.js';
import type { Offer, Plan } from '../plan.js';
import { offerText } from '../render/offers.js';

export type { Offer } from '../plan.js';

/**
 * The prompt's answer, as decide() takes it: the choice, the situation that
 * asked, and how it was got (asked on the terminal, remembered for the
 * project, or promptDefault), which the plan says out loud unless asked.
 */
export interface Answer {
  situation: SituationId;
  choice: Exclude<PromptChoice, 'cancel'>;
  how: AnswerHow | 'asked';
  dir: string;
  /** Where promptDefault came from (a config file, or `default`). */
  from: string;
}

/**
 * The `prompt` action, as pure pieces: which situation asks, what it offers,
 * and what each answer does to the call and config, so the answer goes
 * through the same decide() as any configured action.
 */
export function promptingIds(config: ResolvedConfig): SituationId[] {
  return (Object.keys(SITUATIONS) as SituationId[]).filter(
    (id) => config.config[SITUATIONS[id].key].action === 'prompt',
  );
}

/** The config with each `prompt` rule set to `action`, message kept. */
export function withPromptAs(
  config: ResolvedConfig,
  ids: SituationId[],
  action: 'refuse' | 'pip' | 'venv',
): ResolvedConfig {
  const next = { ...config.config };
  for (const id of ids) next[SITUATIONS[id].key] = { ...next[SITUATIONS[id].key], action };
  return { ...config, config: next };
}

/** The situation that would ask: decided with every prompt as a refusal, the first one that refused. */
export function askingSituation(probe: Plan, ids: SituationId[]): SituationId | null {
  if (probe.action !== 'refuse') return null;
  const r = probe.reasons.find(
    (x) => x.action === 'refuse' && ids.includes(x.situation as SituationId),
  );
  return (r?.situation as SituationId | undefined) ?? null;
}

/**
 * What makes sense where: on an externally managed Python pip refuses a
 * --user install too (PEP 668 covers the user site), so only a venv helps.
 */
export function offersFor(id: SituationId, facts: Facts, venv: string): Offer[] {
  const i = facts.interpreter;
  const userOk = id !== 'externallyManaged' && i !== null && i.enableUserSite;
  const out: Offer[] = [];
  const offer = (choice: PromptChoice, path?: string): Offer => ({
    choice,
    ...(path === undefined ? {} : { path }),
    label: offerText(choice, path),
  });
  if (userOk) out.push(offer('user', i?.userSite));
  out.push(offer('venv', venv));
  if (userOk) out.push(offer('disposable'));
  out.push(offer('cancel'));
  return out;
}

/** The venv the `venv` offer names. */
export function offeredVenv(facts: Facts): string {
  return facts.configuredVenv?.path ?? `${facts.projectRoot}/.venv`;
}

/** The call with `--user` added, as if typed: the user chose the user site. */
export function withUser(call: Extract<Call, { kind: 'pip' }>): Call {
  const inv = parsePipArgv(call.pipArgs, null);
  return { ...call, pipArgs: appendSubcommandOptions(inv, ['--user']) };
}

/**
 * The call and config an answer stands for: a venv is the `venv` action;
 * the user site is the call with `--user`; the disposable site is that with
 * `disposableUserSite: true`; pip (or an answer not offered here) runs pip
 * as typed.
 */
export function answeredAs(
  answer: Answer,
  call: Extract<Call, { kind: 'pip' }>,
  facts: Facts,
  config: ResolvedConfig,
): { call: Call; config: ResolvedConfig } {
  const ids = promptingIds(config);
  const offered = offersFor(answer.situation, facts, offeredVenv(facts)).some(
    (o) => o.choice === answer.choice,
  );
  const choice = offered ? answer.choice : 'pip';
  switch (choice) {
    case 'venv':
      return { call, config: withPromptAs(config, ids, 'venv') };
    case 'pip':
      return { call, config: withPromptAs(config, ids, 'pip') };
    case 'user':
      return { call: withUser(call), config: withPromptAs(config, ids, 'pip') };
    case 'disposable': {
      const next = withPromptAs(config, ids, 'pip');
      return {
        call: withUser(call),
        config: { ...next, config: { ...next.config, disposableUserSite: true } },
      };
    }
  }
}
