import { parsePipArgv } from '../core/argv/index.js';
import type { Call } from '../core/call.js';
import { merge } from '../core/config/merge.js';
import { passPlan } from '../core/decide/decide.js';
import { gatherFacts } from '../io/gather-facts.js';
import type { CommandContext } from './context.js';
import type { Prepared } from './prepared-call.js';

/**
 * The plan when the cwd has been deleted: the user's command, unchanged.
 * Without a cwd there is no project config to read and no project venv to
 * find, so any decision would be a guess. pip alone stops at once here
 * ("The folder you are executing pip from can no longer be found",
 * pip/_internal/locations/base.py get_src_prefix), or fails its install
 * with an OSError inside a venv; passing the call through lets pip say its
 * own line, so pipwarden is never worse than pip alone.
 */
export async function cwdGonePlan(
  call: Call,
  real: string,
  ctx: CommandContext,
): Promise<Prepared> {
  const facts = await gatherFacts({
    tool: { kind: call.tool, name: call.name, path: real },
    env: ctx.env,
    cwd: '/',
    cacheDir: null,
    skipInterpreter: true,
  });
  facts.cwd = ctx.env.PWD ?? '';
  const inv = call.kind === 'pip' ? parsePipArgv(call.pipArgs, null) : null;
  const plan = passPlan(call, facts, inv, { kind: 'cwd-gone', cwd: facts.cwd });
  return { call, facts, config: merge([]), plan, warnings: [] };
}
