import { isAbsolute, resolve } from 'node:path';
import { classifyCall } from '../core/call.js';
import { merge } from '../core/config/merge.js';
import { decide, passPlan } from '../core/decide/decide.js';
import { promptingIds } from '../core/decide/prompt.js';
import { venvNamedByUser } from '../core/decide/venv-target.js';
import { PipwardenError } from '../core/errors.js';
import { triage } from '../core/triage.js';
import { loadConfig } from '../io/config/load-config.js';
import { exists } from '../io/fs-checks.js';
import { gatherFacts } from '../io/gather-facts.js';
import { statCode } from '../io/interpreter/resolve-interpreter.js';
import { findOnPath } from '../io/interpreter/which.js';
import { cacheDir } from '../io/paths.js';
import { shimDirsToSkip } from '../io/shims/marked-shim-dirs.js';
import { bypassLocked, configGate } from './config-gate.js';
import type { CommandContext } from './context.js';
import { cwdGonePlan } from './cwd-gone.js';
import type { Prepared } from './prepared.js';

export type { Prepared } from './prepared.js';

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
  const exclude = shimDirsToSkip(ctx.env, ctx.cwd);
  const real = realPath ?? resolveReal(nameOrPath, ctx, exclude);
  if (ctx.cwdGone) return cwdGonePlan(call, real, ctx);
  const tool = { kind: call.tool, name: call.name, path: real };
  // Triage comes first, before any config is read: a broken .pipwardenrc
  // must not stop PIPWARDEN_DISABLE=1 (its own hint says so), nor `pip list`.
  const load = () =>
    loadConfig({ cwd: ctx.cwd, env: ctx.env, home: ctx.home, sets: ctx.configSets });
  // Only the org layer can lock the bypass, so config is read before triage
  // only when the bypass is asked for; loading never throws (config-gate.ts).
  let loaded = ctx.env.PIPWARDEN_DISABLE === '1' ? await load() : null;
  const t = triage(call, {
    disable: ctx.env.PIPWARDEN_DISABLE,
    disableLocked: loaded !== null && bypassLocked(loaded),
  });
  if (t.kind === 'pass') {
    const facts = await gatherFacts({
      tool,
      env: ctx.env,
      cwd: ctx.cwd,
      exclude,
      skipInterpreter: true,
    });
    return {
      call,
      facts,
      config: merge([]),
      plan: passPlan(call, facts, t.inv, t.why),
      warnings: [],
    };
  }
  loaded ??= await load();
  // Org fail-closed, bad user or project files, and the lock on the bypass.
  const gateWarnings = configGate(loaded, ctx.env);
  const config = loaded.resolved;
  const facts = await gatherFacts({
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
    disposableUserSite: config.config.disposableUserSite,
  });
  // The prompt action resolves to an ordinary call and config first; its
  // code (readline, the answers file) loads only when a rule says `prompt`.
  const p =
    promptingIds(config).length === 0
      ? { call, facts, config, notices: [] }
      : await (await import('./resolve-prompt.js')).resolvePrompt(call, facts, config, ctx, ask);
  const plan = decide(p.call, p.facts, p.config);
  plan.notices.unshift(...p.notices);
  return { call, facts, config, plan, warnings: [...loaded.warnings, ...gateWarnings] };
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
