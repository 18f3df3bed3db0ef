import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { parsePipArgv } from '../core/argv/index.js';
import { type Call, classifyCall } from '../core/call.js';
import type { ResolvedConfig } from '../core/config/types.js';
import { changesEnv, decide, passPlan } from '../core/decide/decide.js';
import { promptingIds } from '../core/decide/prompt.js';
import { venvPath } from '../core/decide/venv-target.js';
import { PipwardenError } from '../core/errors.js';
import type { Facts } from '../core/facts.js';
import type { Plan } from '../core/plan.js';
import { disposableBaseFor } from '../io/disposable-base.js';
import { gatherFacts } from '../io/gather-facts.js';
import { assertNoConfigErrors, loadConfig } from '../io/load-config.js';
import { cacheDir, shimDir } from '../io/paths.js';
import { findOnPath } from '../io/which.js';
import type { CommandContext } from './context.js';

export interface Prepared {
  call: Call;
  facts: Facts;
  config: ResolvedConfig;
  plan: Plan;
  warnings: string[];
}

/**
 * Everything between the user's command and its Plan: classify, resolve the
 * real executable (never one of our shims), load config, gather facts, decide.
 * `explain`, `run` and `shell-plan` all come through here, so they agree.
 */
export async function prepare(
  command: string[],
  ctx: CommandContext,
  realPath: string | null = null,
  ask = false,
): Promise<Prepared> {
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
  const real = realPath ?? resolveReal(nameOrPath, ctx);
  const home = ctx.env.HOME || homedir();
  const loaded = await loadConfig({ cwd: ctx.cwd, env: ctx.env, home });
  assertNoConfigErrors(loaded);
  const config = loaded.resolved;
  const pipArgs = call.kind === 'pip' ? call.pipArgs : [];
  const inv = call.kind === 'pip' ? parsePipArgv(pipArgs, null) : null;
  const facts = await gatherFacts({
    tool: { kind: call.tool, name: call.name, path: real },
    env: ctx.env,
    cwd: ctx.cwd,
    pythonFlags: call.kind === 'pip' ? call.pythonFlags : undefined,
    pipSubcommand: inv?.subcommand ?? undefined,
    isolated: inv?.globals.some((o) => o.dest === 'isolated_mode') ?? false,
    cacheDir: cacheDir(ctx.env),
    skipInterpreter: !changesEnv(inv?.subcommand ?? null),
  });
  const target = venvPath(config.config.venv.path, facts.projectRoot, facts.projectVenv);
  facts.configuredVenv = { path: target, exists: existsSync(`${target}/pyvenv.cfg`) };
  const base = disposableBaseFor(config.config, facts, ctx.env);
  if (base !== null) facts.disposableUserBase = base;
  if (disabled(ctx.env)) {
    const plan = passPlan(call, facts, inv, 'PIPWARDEN_DISABLE=1');
    return { call, facts, config, plan, warnings: loaded.warnings };
  }
  // The prompt action resolves to an ordinary call and config first; its
  // code (readline, the answers file) loads only when a rule says `prompt`.
  const p =
    promptingIds(config).length === 0
      ? { call, facts, config, notices: [] }
      : await (await import('./resolve-prompt.js')).resolvePrompt(call, facts, config, ctx, ask);
  const plan = decide(p.call, p.facts, p.config);
  plan.notices.unshift(...p.notices);
  return { call, facts, config, plan, warnings: loaded.warnings };
}

/** The one check for the engine's bypass (the shims make the same check in sh). */
export function disabled(env: NodeJS.ProcessEnv): boolean {
  return env.PIPWARDEN_DISABLE === '1';
}

function resolveReal(nameOrPath: string, ctx: CommandContext): string {
  if (nameOrPath.includes('/')) {
    const p = isAbsolute(nameOrPath) ? nameOrPath : resolve(ctx.cwd, nameOrPath);
    if (!existsSync(p)) {
      throw new PipwardenError('not-found', `${nameOrPath}: no such file`, 'check the path');
    }
    return p;
  }
  const found = findOnPath(nameOrPath, ctx.env.PATH ?? '', { exclude: [shimDir(ctx.env)] });
  if (found === null) {
    throw new PipwardenError(
      'not-found',
      `${nameOrPath}: not found on PATH (pipwarden's shims excluded)`,
      `install Python, or check PATH; pipwarden rehash after adding interpreters`,
    );
  }
  return found;
}
