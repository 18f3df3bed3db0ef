#!/usr/bin/env node
import { PipwardenError } from '../core/errors.js';
import type { Command, CommandContext } from './context.js';
import { reportError } from './report-error.js';

// Commands load lazily: a shim's `shell-plan` call should not pay for
// `doctor`'s imports. Node's start-up is the hot path's main cost.
const COMMANDS: Record<string, () => Promise<Command>> = {
  explain: async () => (await import('./commands/explain.js')).explain,
  run: async () => (await import('./commands/run.js')).run,
  'shell-plan': async () => (await import('./commands/shell-plan.js')).shellPlan,
  init: async () => (await import('./commands/init.js')).init,
  rehash: async () => (await import('./commands/rehash.js')).rehash,
  completion: async () => (await import('./commands/completion.js')).completion,
  config: async () => (await import('./commands/config.js')).config,
  doctor: async () => (await import('./commands/doctor.js')).doctor,
  trust: async () => (await import('./commands/trust.js')).trust,
};

const USAGE = `usage: pipwarden <command> [options]

commands:
  explain [--json] -- <pip …|python -m pip …>   print the plan, run nothing
  run -- <pip …|python -m pip …>                carry the plan out
  init <bash|zsh|fish|sh>                       print shell integration code
  rehash [--dir DIR] [--remove]                 (re)write the shims, or remove them
  completion <bash|zsh|fish>                    print a completion script
  config [--json]                               show merged config, each value's source and lock
  config validate [--strict] [FILE]             check a config file (exit 0 ok, 78 invalid)
  trust [--revoke] [PATH]                       let a project config run code / name programs
  doctor                                        check the setup
`;

async function main(argv: string[]): Promise<number> {
  const ctx: CommandContext = {
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    ctx.stdout.write(USAGE);
    return name === undefined ? 64 : 0;
  }
  if (name === '--version' || name === '-V') {
    ctx.stdout.write(`pipwarden ${await version()}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    throw new PipwardenError('usage', `unknown command "${name}"`, 'run pipwarden --help');
  }
  const command = await load();
  return command(rest, ctx);
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
  return String(pkg.version);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error, process.stderr, process.env);
  },
);
