#!/usr/bin/env node
import { closest } from '../core/config/suggest.js';
import { PipwardenError } from '../core/errors.js';
import { currentDir } from '../io/current-dir.js';
import { fdOut } from '../io/fd-out.js';
import { homeDir } from '../io/paths.js';
import {
  COMMAND_SPECS,
  commandHelp,
  parsedSpec,
  specFor,
  usage,
  wantsHelp,
} from './command-specs.js';
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
  user: async () => (await import('./commands/user.js')).user,
  setup: async () => (await import('./commands/setup.js')).setup,
  org: async () => (await import('./commands/org.js')).org,
};

// Commands that still work when the cwd is gone: the plan commands pass the
// call through for pip to report (cli/cwd-gone.ts); the rest need no cwd.
// fd writers, not process.stdout/stderr: see out.ts.
const stdout = fdOut(1);
const stderr = fdOut(2);

const NO_CWD_NEEDED = new Set(['explain', 'run', 'shell-plan', 'completion']);

async function main(argv: string[]): Promise<number> {
  const cwd = currentDir();
  const ctx: CommandContext = {
    env: process.env,
    cwd: cwd ?? '/',
    ...(cwd === null ? { cwdGone: true } : {}),
    home: homeDir(process.env),
    stdout,
    stderr,
  };
  const [name, ...rest] = argv;
  const topic =
    name === 'help' && rest[0] !== undefined
      ? (parsedSpec(rest.slice(0, 2).join(' ')) ?? specFor(rest[0]))
      : undefined;
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
  // `config validate` is a command of its own in the spec table; `user clean` has its own flags.
  const sub = rest[0] !== undefined ? parsedSpec(`${name} ${rest[0]}`) : undefined;
  const spec = sub ?? specFor(name);
  const own = sub ? rest.slice(1) : rest;
  if (spec && (wantsHelp(own) || (spec.operandsFirst === true && wantsHelp(own.slice(1))))) {
    ctx.stdout.write(commandHelp(spec));
    return 0;
  }
  if (cwd === null && !NO_CWD_NEEDED.has(name)) {
    const where = ctx.env.PWD ? ` ${ctx.env.PWD}` : '';
    throw new PipwardenError(
      'io',
      `pipwarden ${name}: the current directory${where} no longer exists (deleted or renamed)`,
      'cd to an existing directory and run it again',
    );
  }
  const command = await load();
  return command(rest, ctx);
}

function unknownCommand(name: string): PipwardenError {
  const guess = closest(
    name,
    COMMAND_SPECS.filter((s) => !s.hidden && !s.name.includes(' ')).map((s) => s.name),
  );
  return new PipwardenError(
    'usage',
    `unknown command "${name}"${guess ? `; did you mean "${guess}"?` : ''}`,
    guess ? `pipwarden ${guess} --help` : 'pipwarden --help',
  );
}

async function version(): Promise<string> {
  return (await import('../io/package-paths.js')).packageVersion();
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error, stderr, process.env);
  },
);
