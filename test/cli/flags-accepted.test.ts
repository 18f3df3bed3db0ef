import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COMMAND_SPECS,
  type CommandSpec,
  commandHelp,
  type FlagSpec,
  parsedSpec,
} from '../../src/cli/command-specs.js';
import { splitArgs } from '../../src/cli/split-args.js';
import { pipwarden } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { tempDir } from '../helpers/tmp.js';

// Every command as its parser sees it: `user` parses as `user list` and `user clean`.
const parsed: CommandSpec[] = COMMAND_SPECS.flatMap((s) =>
  s.actions ? s.actions.map((a) => parsedSpec(`${s.name} ${a}`)!) : [s],
);

/** A harmless call of each command, with `flag` (and its value) in it; HOME is a temp dir. */
function call(name: string, flag: string[], dir: string): string[] {
  const file = join(dir, 'config.yaml');
  writeFileSync(file, 'notices: true\n');
  const calls: Record<string, string[]> = {
    explain: ['explain', ...flag, '--', 'pip', '--version'],
    run: ['run', ...flag, '--', 'pip', '--version'],
    // --ci names a runner, not a shell; gitlab's writes only under the temp HOME.
    init: flag[0] === '--ci' ? ['init', ...flag, 'gitlab'] : ['init', ...flag, 'bash'],
    rehash: ['rehash', ...flag],
    completion: ['completion', ...flag, 'bash'],
    config: ['config', ...flag],
    'config validate': ['config', 'validate', ...flag, file],
    trust: ['trust', ...flag, file],
    doctor: ['doctor', ...flag],
    'user list': ['user', 'list', ...flag],
    // --dry-run always: the test must never remove anything.
    'user clean': ['user', 'clean', '--dry-run', ...flag],
    'shell-plan': ['shell-plan', ...flag, '--', 'pip', '--version'],
    // setup runs install.sh, which no call here may do: its flags are checked
    // by its parser alone (see PARSER_ONLY), and a wrong one must stop it first.
    setup: ['setup', '--no-such-flag'],
    // org apply writes into system interpreters: parser only (PARSER_ONLY);
    // test/system/org-apply.test.ts runs it in a private mount namespace.
    'org apply': ['org', 'apply', '--check'],
  };
  const argv = calls[name];
  if (!argv) throw new Error(`no harmless call of "${name}" in this test; add one`);
  return argv;
}

function withValue(f: FlagSpec, dir: string): string[] {
  const values: Record<string, string> = {
    DIR: join(dir, 'shims'),
    X: 'python3',
    'KEY=VALUE': 'notices=true',
    PATH: '/bin/true',
    NAME: 'pip',
    NAMES: 'venv-only',
  };
  if (f.value === undefined) return [f.flag];
  const v = values[f.value];
  if (v === undefined) throw new Error(`no sample value for ${f.flag} ${f.value}`);
  return [f.flag, v];
}

/** Commands whose every real call changes the machine: their parser is checked in-process. */
const PARSER_ONLY = new Set(['setup', 'org apply']);

const REJECTED = /unknown option|needs a value|unexpected argument|expected one of/;

describe('every flag a command lists is one its parser accepts (command-specs.ts is the one source)', () => {
  const rows = parsed.flatMap((s) => s.flags.map((f) => [s.name, f.flag, s, f] as const));
  it.each(rows)('%s %s', (name, _flag, _spec, f) => {
    const dir = tempDir();
    if (PARSER_ONLY.has(name)) {
      expect(() => splitArgs(name, withValue(f, dir))).not.toThrow();
      return;
    }
    const home = join(dir, 'home');
    mkdirSync(home);
    const r = pipwarden(call(name, withValue(f, dir), dir), { env: hermeticEnv(home), cwd: dir });
    expect(r.stderr).not.toMatch(REJECTED);
    expect(r.status, r.stderr).not.toBe(70);
  });

  it('a flag of another action is neither listed nor accepted (`user clean --json`)', () => {
    const clean = parsedSpec('user clean')!;
    expect(clean.flags.map((f) => f.flag)).not.toContain('--json');
    expect(commandHelp(clean)).not.toContain('--json');
    const dir = tempDir();
    const help = pipwarden(['user', 'clean', '--help'], { env: hermeticEnv(join(dir, 'h')) });
    expect(help.stdout).toContain('usage: pipwarden user clean [--python X] [--dry-run] [--yes]\n');
    expect(help.stdout).not.toContain('--json');
    const r = pipwarden(['user', 'clean', '--json'], { env: hermeticEnv(join(dir, 'h')) });
    expect(r.status).toBe(64);
    expect(r.stderr).toContain('user clean: unknown option --json');
  });

  it('setup rejects a flag its spec does not list, before install.sh runs', () => {
    const dir = tempDir();
    const r = pipwarden(call('setup', [], dir), { env: hermeticEnv(join(dir, 'h')), cwd: dir });
    expect(r.status).toBe(64);
    expect(r.stderr).toContain('setup: unknown option --no-such-flag');
  });

  it('each command has a harmless call here, so a new command gets its flags checked', () => {
    for (const s of parsed) expect(() => call(s.name, [], tempDir())).not.toThrow();
  });
});
