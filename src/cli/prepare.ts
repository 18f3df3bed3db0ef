import { isAbsolute, resolve } from 'node:path';
import { type Call, classifyCall } from '../core/call.js';
import { merge } from '../core/config/merge.js';
import type { ResolvedConfig } from '../core/config/types.js';
import { decide, passPlan } from '../core/decide/decide.js';
import { type Answer, promptingIds } from '../core/decide/prompt.js';
import { venvNamedByUser } from '../core/decide/venv-target.js';
import { PipwardenError } from '../core/errors.js';
import type { Facts, ToolFacts } from '../core/facts.js';
import type { AskPlan, Plan } from '../core/plan.js';
import { type Triage, triage } from '../core/triage.js';
import { type LoadedConfig, loadConfig } from '../io/config/load-config.js';
import { exists } from '../io/fs-checks.js';
import { type GatherOptions, gatherFacts } from '../io/gather-facts.js';
import { statCode } from '../io/interpreter/resolve-interpreter.js';
import { findOnPath } from '../io/interpreter/which.js';
import { cacheDir } from '../io/paths.js';
import { shimDirsToSkip } from '../io/shims/marked-shim-dirs.js';
import { bypassLocked, configGate } from './config-gate.js';
import type { CommandContext } from './context.js';
import { cwdGonePlan } from './cwd-gone.js';
import type { Prepared } from './prepared-call.js';

export type { Prepared } from './prepared-call.js';

/**
 * Everything between the user's command and its Plan, in a straight line:
 * classify and triage, read config, gather facts once, then decide. A
 * question (`ask`) is answered on the terminal and decided again with the
 * answer as a value. `explain`, `run` and `shell-plan` all come through
 * here, so they agree.
 */
export async function prepare(
  command: string[],
  ctx: CommandContext,
  realPath: string | null = null,
  ask = false,
): Promise<Prepared> {
  const call = classify(command);
  const exclude = shimDirsToSkip(ctx.env, ctx.cwd);
  const real = realPath ?? resolveReal(command[0] ?? '', ctx, exclude);
  if (ctx.cwdGone) return cwdGonePlan(call, real, ctx);
  const t = await triageFirst(call, ctx);
  const { config, warnings } = await readConfig(t, ctx);
  const facts = await gatherFacts(
    factsInput({ kind: call.tool, name: call.name, path: real }, t, config, ctx, exclude),
  );
  const plan =
    t.kind === 'pass'
      ? passPlan(call, facts, t.inv, t.reason)
      : await decideAnswered(call, facts, config, ctx, ask);
  return { call, facts, config, plan, warnings };
}

function classify(command: string[]): Call {
  const [nameOrPath, ...args] = command;
  if (nameOrPath === undefined) {
    throw new PipwardenError(
      'usage',
      'no command given after --',
      'pipwarden explain -- pip install <pkg>',
    );
  }
  const call = classifyCall(nameOrPath, args);
  if (call === null) {
    throw new PipwardenError(
      'usage',
      `"${nameOrPath}" is not pip, pip3, pip3.X, python, python3 or python3.X`,
      'pipwarden explain -- pip install <pkg>   or   -- python3 -m pip install <pkg>',
    );
  }
  return call;
}

type Triaged =
  | (Triage & { kind: 'pass' })
  | (Triage & { kind: 'decide'; loaded: LoadedConfig | null });

/**
 * Triage comes first, before any config is read: a broken .pipwardenrc must
 * not stop PIPWARDEN_DISABLE=1 (its own hint says so), nor `pip list`. Only
 * the org layer can lock the bypass, so config is read before triage only
 * when the bypass is asked for; loading never throws (config-gate.ts).
 */
async function triageFirst(call: Call, ctx: CommandContext): Promise<Triaged> {
  const loaded = ctx.env.PIPWARDEN_DISABLE === '1' ? await load(ctx) : null;
  const t = triage(call, {
    disable: ctx.env.PIPWARDEN_DISABLE,
    disableLocked: loaded !== null && bypassLocked(loaded),
  });
  return t.kind === 'pass' ? t : { ...t, loaded };
}

function load(ctx: CommandContext): Promise<LoadedConfig> {
  return loadConfig({ cwd: ctx.cwd, env: ctx.env, home: ctx.home, sets: ctx.configSets });
}

/**
 * The config layers, checked: org fail-closed, bad user or project files,
 * the lock on the bypass. A call triage passed reads none of it.
 */
async function readConfig(
  t: Triaged,
  ctx: CommandContext,
): Promise<{ config: ResolvedConfig; warnings: string[] }> {
  if (t.kind === 'pass') return { config: merge([]), warnings: [] };
  const loaded = t.loaded ?? (await load(ctx));
  const gateWarnings = configGate(loaded, ctx.env);
  return { config: loaded.resolved, warnings: [...loaded.warnings, ...gateWarnings] };
}

/** What gatherFacts reads: only the tool's own facts for a call triage passed. */
function factsInput(
  tool: ToolFacts,
  t: Triaged,
  config: ResolvedConfig,
  ctx: CommandContext,
  exclude: string[],
): GatherOptions {
  if (t.kind === 'pass')
    return { tool, env: ctx.env, cwd: ctx.cwd, exclude, skipInterpreter: true };
  return {
    tool,
    env: ctx.env,
    cwd: ctx.cwd,
    pythonFlags: t.call.pythonFlags,
    pipSubcommand: t.subcommand,
    isolated: t.isolated,
    cacheDir: cacheDir(ctx.env),
    exclude,
    venvPath: config.config.venv.path,
    venvPathNamedByUser: venvNamedByUser(config),
    // The prompt may offer the disposable user site: its base is a fact too.
    disposableUserSite: config.config.disposableUserSite || promptingIds(config).length > 0,
  };
}

/** The plan; a question (`ask`) is answered, and the answer decided again as a value. */
async function decideAnswered(
  call: Call,
  facts: Facts,
  config: ResolvedConfig,
  ctx: CommandContext,
  ask: boolean,
): Promise<Plan> {
  const decided = decide(call, facts, config);
  if (decided.action !== 'ask') return decided;
  return decide(call, facts, config, await answer(decided, config, ctx, ask));
}

/** The prompt's answer; its code (readline, the answers file) loads only when a plan asks. */
async function answer(
  plan: AskPlan,
  config: ResolvedConfig,
  ctx: CommandContext,
  ask: boolean,
): Promise<Answer> {
  const { answerPrompt } = await import('./answer-prompt.js');
  const from = config.sources.promptDefault?.file ?? 'default';
  return answerPrompt(plan, ctx, ask, config.config.promptDefault, from);
}

function resolveReal(nameOrPath: string, ctx: CommandContext, exclude: string[]): string {
  if (nameOrPath.includes('/')) {
    const p = isAbsolute(nameOrPath) ? nameOrPath : resolve(ctx.cwd, nameOrPath);
    if (!exists(p)) {
      if (statCode(p) === 'EACCES') {
        throw new PipwardenError(
          'denied',
          `${nameOrPath}: permission denied (this user may not reach it)`,
          'run a pip this user can reach, or run as its owner',
        );
      }
      throw new PipwardenError('not-found', `${nameOrPath}: no such file`, 'check the path');
    }
    return p;
  }
  const found = findOnPath(nameOrPath, ctx.env.PATH ?? '', { exclude, cwd: ctx.cwd });
  if (found === null) {
    throw new PipwardenError(
      'not-found',
      `${nameOrPath}: not found on PATH (pipwarden's shims excluded)`,
      `install Python, or check PATH; pipwarden rehash after adding interpreters`,
    );
  }
  return found;
}
