#!/usr/bin/env node
import { closest } from '../core/config/suggest.js';
import { PipwardenError } from '../core/errors.js';
import { COMMAND_SPECS, commandHelp, specFor, usage, wantsHelp } from './command-specs.js';
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
  user: async () => (await import('./commands/user.js')).user,
};

async function main(argv: string[]): Promise<number> {
  const ctx: CommandContext = {
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
  };
  const [name, ...rest] = argv;
  const topic = name === 'help' && rest[0] !== undefined ? specFor(rest[0]) : undefined;
  if (topic) {
    ctx.stdout.write(commandHelp(topic));
    return 0;
  }
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    ctx.stdout.write(usage());
    return name === undefined ? 64 : 0;
  }
  if (name === '--version' || name === '-V') {
    ctx.stdout.write(`pipwarden ${await version()}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) throw unknownCommand(name);
  const spec = specFor(name);
  if (spec && (wantsHelp(rest) || (spec.operandsFirst === true && wantsHelp(rest.slice(1))))) {
    ctx.stdout.write(commandHelp(spec));
    return 0;
  }
  const command = await load();
  return command(rest, ctx);
}

function unknownCommand(name: string): PipwardenError {
  const guess = closest(
    name,
    COMMAND_SPECS.filter((s) => !s.hidden).map((s) => s.name),
  );
  return new PipwardenError(
    'usage',
    `unknown command "${name}"${guess ? `; did you mean "${guess}"?` : ''}`,
    guess ? `pipwarden ${guess} --help` : 'pipwarden --help',
  );
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
