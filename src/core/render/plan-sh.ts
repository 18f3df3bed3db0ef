import { PipwardenError } from '../errors.js';
import type { Plan } from '../plan.js';
import { argvEdits } from './argv-edits.js';
import { shArgv, shWord } from './quote.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What the shim was called with: its real command and its own "$@". */
export interface ShimCall {
  real: string;
  args: readonly string[];
}

/**
 * The plan as POSIX sh for a shim to `eval` inside `_pw_engine "$@"`:
 * optional set-up steps, env changes, then `_pw_exec` of the command, so pip
 * takes over the shim's process (pid, TTY, signals and exit code stay pip's
 * own). The user's arguments are never re-quoted: each one the plan keeps is
 * passed as `"${k}"`, the shim's own positional parameter, so its bytes
 * reach pip as typed (quotes, `!`, `~`, newlines, bytes that are not UTF-8,
 * which Node could only have decoded to U+FFFD). Only tokens pipwarden adds
 * are literals. A refusal is `exit <code>`; the engine already printed why.
 */
export function planToSh(plan: Plan, call: ShimCall): string {
  if (plan.action === 'refuse') return `exit ${plan.exitCode}\n`;
  const lines: string[] = [];
  if (plan.action === 'rewrite') {
    for (const step of plan.before) lines.push(`${shArgv(step)} || exit $?`);
  }
  // pixi add runs in its project, not the cwd; an absolute dir skips CDPATH.
  if (plan.action === 'rewrite' && plan.dir !== undefined) {
    lines.push(`cd -- ${shWord(plan.dir)} || exit $?`);
  }
  for (const name of plan.env.unset) lines.push(`unset ${checkName(name)}`);
  for (const [name, value] of Object.entries(plan.env.set)) {
    lines.push(`${checkName(name)}=${shWord(value)}; export ${name}`);
  }
  const [exe, ...args] = plan.command;
  if (exe === undefined) throw new Error('a plan with an empty command');
  const words = [exe === call.real ? '"$_pw_real"' : shWord(exe)];
  for (const part of argvEdits(call.args, args)) {
    words.push('from' in part ? `"\${${part.from + 1}}"` : literal(part.literal));
  }
  lines.push(`_pw_exec ${words.join(' ')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A token pipwarden adds or rewrites. U+FFFD in it may stand for bytes Node
 * could not decode (a short-option cluster pipwarden cut, e.g. `-qUr<bytes>`),
 * which a literal would change: refuse rather than pass other bytes to pip.
 */
function literal(token: string): string {
  if (token.includes('\uFFFD')) {
    throw new PipwardenError(
      'usage',
      `argument ${JSON.stringify(token)}: pipwarden would rewrite it, and it holds bytes that are not UTF-8, which it cannot carry over unchanged`,
      'write that option on its own (e.g. -r FILE rather than -qUrFILE), or PIPWARDEN_DISABLE=1 to bypass pipwarden',
    );
  }
  return shWord(token);
}

function checkName(name: string): string {
  if (!NAME.test(name)) throw new Error(`not a valid environment variable name: ${name}`);
  return name;
}
