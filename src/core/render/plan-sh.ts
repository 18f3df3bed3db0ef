import { quote } from 'shell-quote';
import type { Plan } from '../plan.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The plan as POSIX sh for a shim to `eval`: optional set-up steps, env
 * changes, then `exec` of the real command so pip takes over the shim's
 * process (pid, TTY, signals and exit code stay pip's own). A refusal is
 * `exit <code>`; its message was already printed on stderr by the engine.
 */
export function planToSh(plan: Plan): string {
  if (plan.action === 'refuse') return `exit ${plan.exitCode}\n`;
  const lines: string[] = [];
  if (plan.action === 'rewrite') {
    for (const step of plan.before) lines.push(`${quoteArgv(step)} || exit $?`);
  }
  for (const name of plan.env.unset) lines.push(`unset ${checkName(name)}`);
  for (const [name, value] of Object.entries(plan.env.set)) {
    lines.push(`${checkName(name)}=${quoteArg(value)}; export ${name}`);
  }
  lines.push(`_pw_exec ${quoteArgv(plan.command)}`);
  return `${lines.join('\n')}\n`;
}

/** One argument, quoted for sh; the empty string stays an argument. */
export function quoteArg(arg: string): string {
  return arg === '' ? "''" : quote([arg]);
}

export function quoteArgv(argv: string[]): string {
  return argv.map(quoteArg).join(' ');
}

function checkName(name: string): string {
  if (!NAME.test(name)) throw new Error(`not a valid environment variable name: ${name}`);
  return name;
}
