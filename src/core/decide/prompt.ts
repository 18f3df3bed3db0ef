import { appendSubcommandOptions, parsePipArgv } from '../argv/index.js';
import type { Call } from '../call.js';
import {
  type PromptChoice,
  type ResolvedConfig,
  SITUATIONS,
  type SituationId,
} from '../config/types.js';
import type { Facts } from '../facts.js';
import type { Plan } from '../plan.js';

/**
 * The `prompt` action, as pure pieces: which situation asks, what it offers,
 * and what each answer does to the call and config. The CLI asks (or takes
 * the non-interactive default) and decides again with the answer, so the
 * answer goes through the same decide() as any configured action.
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

export interface Offer {
  choice: PromptChoice;
  label: string;
}

/**
 * What makes sense where: on an externally managed Python pip refuses a
 * --user install too (PEP 668 covers the user site), so only a venv helps.
 */
export function offersFor(id: SituationId, facts: Facts, venv: string): Offer[] {
  const i = facts.interpreter;
  const userOk = id !== 'externallyManaged' && i !== null && i.enableUserSite;
  const out: Offer[] = [];
  if (userOk) out.push({ choice: 'user', label: `the user site (${i?.userSite})` });
  out.push({ choice: 'venv', label: `a venv: ${venv}` });
  if (userOk)
    out.push({
      choice: 'disposable',
      label: 'the disposable user site (pipwarden user clean removes it)',
    });
  out.push({ choice: 'cancel', label: 'cancel' });
  return out;
}

/** The call with `--user` added, as if typed: the user chose the user site. */
export function withUser(call: Extract<Call, { kind: 'pip' }>): Call {
  const inv = parsePipArgv(call.pipArgs, null);
  return { ...call, pipArgs: appendSubcommandOptions(inv, ['--user']) };
}
