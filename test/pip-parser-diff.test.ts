import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isPipModule,
  type ParsedOption,
  type PipInvocation,
  parsePipArgv,
  parsePythonArgv,
  pipCommands,
  pipTables,
} from '../src/core/argv/index.js';
import { hermeticEnv } from './helpers/env.js';
import { pyenvPython } from './helpers/pythons.js';

const run = promisify(execFile);

/**
 * Differential test: pip's own parser (main_parser.parse_command, then the
 * command's optparse parser) against parsePipArgv, on every pip on disk; and
 * pip's option definitions against our tables. Nothing is installed: the
 * snippet imports pip's parser only. _PIP_RUNNING_IN_SUBPROCESS stops
 * parse_command from re-executing pip under --python.
 */
const SNIPPET = `
import copy, json, os, sys
os.environ['_PIP_RUNNING_IN_SUBPROCESS'] = '1'
import pip
from pip._internal.cli import main_parser
from pip._internal import commands as C

def make(name):
    if hasattr(C, 'create_command'):
        return C.create_command(name)
    return C.commands_dict[name]()

def rows(options, skip):
    out = []
    for o in options:
        for s in o._short_opts + o._long_opts:
            if s not in skip:
                out.append('%s %s %d' % (s, o.dest, 1 if o.takes_value() else 0))
    return sorted(out)

req = json.loads(sys.stdin.read())
general = main_parser.create_main_parser()._get_all_options()
general_names = set(s for o in general for s in o._short_opts + o._long_opts)
tables = {'general': rows(general, set())}
for name in C.commands_dict:
    tables[name] = rows(make(name).parser._get_all_options(), general_names)

try:
    from StringIO import StringIO
except ImportError:
    from io import StringIO
results = []
for args in req['cases']:
    err = StringIO()
    sys.stdout, sys.stderr = StringIO(), err
    try:
        name, cmd_args = main_parser.parse_command(list(args))
        parser = make(name).parser
        # Snapshot the defaults first: optparse appends into the default list.
        base = parser.get_default_values()
        defaults = dict((d, copy.deepcopy(getattr(base, d, None))) for d in req['dests'])
        values, positionals = parser.parse_args(cmd_args)
        dests = {}
        for d in req['dests']:
            v = getattr(values, d, None)
            dests[d] = None if v == defaults[d] else v
        results.append({'cmd': name, 'args': positionals, 'dests': dests})
    except SystemExit as e:
        results.append({'failed': 'exit %s: %s' % (e.code, err.getvalue().strip().splitlines()[-1:])})
    except Exception as e:
        results.append({'failed': '%s: %s' % (type(e).__name__, e)})
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
print(json.dumps({'version': pip.__version__, 'tables': tables, 'results': results}))
`;

const DESTS = [
  'use_user_site',
  'requirements',
  'upgrade',
  'verbose',
  'python',
  'index_url',
  'editables',
];

const CASES: string[][] = [
  ['install', 'x'],
  ['-q', 'install', '-U', '--user', 'x'],
  ['install', '-rreq.txt'],
  ['install', '-r', 'a.txt', '--requirement=b.txt', '-rc.txt'],
  ['install', '--us', 'x'],
  ['install', '--use', 'x'],
  ['install', '--user', 'x'],
  ['install', '--no-user', 'x'],
  ['install', '--user', '--no-user', 'x'],
  ['install', '--no-user', '--user', 'x'],
  ['install', '--user=1', 'x'],
  ['install', '--index-url=http://x', 'y'],
  ['install', '--index-ur', 'http://x', 'y'],
  ['install', '-ihttp://x', 'y'],
  ['install', '--index-url', '--user', 'x'],
  ['install', '-i'],
  ['--python', '/p', 'install', 'x'],
  ['--python=/p', 'install', 'x'],
  ['--pyt', '/p', 'install', 'x'],
  ['install', '--python', '/p', 'x'],
  ['install', '--', '-weird-name'],
  ['install', 'x', '--', '--user'],
  ['--', 'install', '--user', 'x'],
  ['--', 'install', '--', 'x'],
  ['list', '--format', 'json'],
  ['list', '--user', '-v'],
  ['-vvv', 'install', 'x'],
  ['-v', 'install', '-vv', '-q', 'x'],
  ['install', '-e', '.'],
  ['install', '-e.', '-eother'],
  ['install', '-vqUe', '.'],
  ['install', '-qqU', 'x'],
  ['install', '-Urreq.txt', 'x'],
  ['-qqU', 'install', 'x'],
  ['--user', 'install', 'x'],
  ['instal', 'x'],
  ['Install', 'x'],
  ['install', '--frobnicate', 'x'],
  ['install', '-qZ', 'x'],
  ['install', '--lo', 'l', 'x'],
  ['install', '--log-f', 'l', 'x'],
  ['install', '--no-dep', 'x'],
  ['install', '--pre', 'x'],
  ['--pr=http://p', 'install', 'x'],
  ['--prox=http://p', 'install', 'x'],
  ['--log', 'install', 'install', 'x'],
  ['install', '-', 'x'],
  ['install', '--dry-run', 'x'],
  ['install', '--report', 'r.json', 'x'],
  ['install', '--break-system-packages', 'x'],
  ['install', '--root-user-action', 'ignore', 'x'],
  ['install', '-C', 'k=v', 'x'],
  ['install', '--config-settings', 'k=v', 'x'],
  ['install', '--use-feature', 'fast-deps', 'x'],
  ['install', '--install-option=--x', 'y'],
  ['install', '-b', 'build', 'x'],
  ['install', '--check-build-dependencies', 'x'],
  ['download', '-d', 'dir', 'x', '-r', 'r.txt'],
  ['wheel', '-w', 'w', '-e', '.', '--no-verify'],
  ['uninstall', '-yr', 'r.txt', 'x'],
  ['freeze', '-r', 'r.txt', '--exclude', 'pip'],
  ['cache', 'list', '--format', 'abspath'],
  ['inspect', '--user'],
  ['index', 'versions', 'x', '-i', 'http://x'],
  ['debug', '--platform', 'p', '--abi', 'a'],
  ['config', '--user', 'set', 'a', 'b'],
  ['help', 'install'],
  ['show', '-f', 'x'],
];

/** Our parse folded to pip's values, for the dests above (null: left at pip's default). */
function fold(inv: PipInvocation): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(DESTS.map((d) => [d, null]));
  const all: ParsedOption[] = [...inv.globals, ...inv.options, ...inv.misplaced].sort(
    (a, b) => a.start - b.start || (a.charIndex ?? 0) - (b.charIndex ?? 0),
  );
  for (const o of all) {
    if (o.dest === 'requirements' || o.dest === 'editables') {
      out[o.dest] = [...((out[o.dest] as string[] | null) ?? []), o.value];
    } else if (o.dest === 'verbose') out.verbose = ((out.verbose as number | null) ?? 0) + 1;
    else if (o.dest === 'upgrade') out.upgrade = true;
    else if (o.dest === 'use_user_site') {
      out.use_user_site = o.name !== '--no-user';
    } else if (o.dest === 'python' || o.dest === 'index_url') out[o.dest] = o.value;
  }
  return out;
}

/** optparse's own errors and parse_command's; anything else is a rejected value. */
const SYNTAX_ERROR =
  /no such option|ambiguous option|requires (1|an) argument|does not take a value|unknown command/;

interface PipRun {
  version: string;
  tables: Record<string, string[]>;
  results: ({ cmd: string; args: string[]; dests: Record<string, unknown> } | { failed: string })[];
}

/** Our tables in the snippet's format: `spelling dest takesValue`. */
function ourRows(version: string, command: string | null): string[] {
  const tables = pipTables(version);
  const table = command === null ? tables.general : tables.command(command);
  if (!table) return [];
  const rows: string[] = [];
  for (const [s, def] of table.long) {
    if (def.general === (command === null)) rows.push(`${s} ${def.dest} ${+def.takesValue}`);
  }
  for (const [c, def] of table.short) {
    if (def.general === (command === null)) rows.push(`-${c} ${def.dest} ${+def.takesValue}`);
  }
  return rows.sort();
}

const PYTHONS = ['3.6', '2.7', '3.7', '3.8', '3.11', '3.13'];
let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'pipwarden-diff-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

function env(): Record<string, string> {
  return hermeticEnv(home, {
    PIP_DISABLE_PIP_VERSION_CHECK: undefined,
    PIP_NO_INPUT: undefined,
    PIP_NO_CACHE_DIR: undefined,
  });
}

async function pipParse(python: string): Promise<PipRun> {
  const child = run(python, ['-c', SNIPPET], { env: env(), maxBuffer: 16 << 20 });
  child.child.stdin?.end(JSON.stringify({ cases: CASES, dests: DESTS }));
  return JSON.parse((await child).stdout) as PipRun;
}

describe.each(PYTHONS)("pip's parser on python %s", (minor) => {
  const python = pyenvPython(minor);
  let pip: PipRun;
  beforeAll(async () => {
    if (python) pip = await pipParse(python);
  });

  it.skipIf(!python)('has the subcommands and options of our tables', () => {
    const commands = Object.keys(pip.tables).filter((k) => k !== 'general');
    expect(pipCommands(pip.version).sort()).toEqual(commands.sort());
    expect(ourRows(pip.version, null)).toEqual(pip.tables.general);
    for (const name of commands) {
      expect({ name, rows: ourRows(pip.version, name) }).toEqual({
        name,
        rows: pip.tables[name],
      });
    }
  });

  it.skipIf(!python).each(CASES.map((argv, i) => [argv.join(' '), i] as const))('%s', (_, i) => {
    const ours = parsePipArgv(CASES[i]!, pip.version);
    const theirs = pip.results[i]!;
    if ('failed' in theirs) {
      const message = `pip ${pip.version}: ${theirs.failed}`;
      if (SYNTAX_ERROR.test(theirs.failed)) {
        // pip stops with a usage error: we must have left something for pip to judge.
        expect(ours.unknown.length, message).toBeGreaterThan(0);
      } else {
        // pip rejected a value (`--python-version /p`): the parse is ours to match.
        expect(ours.unknown, message).toEqual([]);
      }
      return;
    }
    expect(ours.unknown).toEqual([]);
    expect({ sub: ours.subcommand, args: ours.positionals, dests: fold(ours) }).toEqual({
      sub: theirs.cmd,
      args: theirs.args,
      dests: theirs.dests,
    });
  });
});

describe.each(['2.7', '3.13'])('python %s runs pip exactly when isPipModule says so', (minor) => {
  const python = pyenvPython(minor);
  const cases: string[][] = [
    ['-m', 'pip'],
    ['-I', '-m', 'pip'],
    ['-Im', 'pip'],
    ['-mpip'],
    ['-Esm', 'pip'],
    ['-X', 'dev', '-m', 'pip'],
    ['-W', 'ignore', '-m', 'pip'],
    ['-Qnew', '-m', 'pip'],
    ['-m', 'pip.__main__'],
    ['-V', '-m', 'pip'],
    ['-c', 'pass', '-m', 'pip'],
    ['--', '-m', 'pip'],
    ['-J', '-m', 'pip'],
    ['--check-hash-based-pycs', 'always', '-m', 'pip'],
  ];
  it.skipIf(!python).each(cases.map((c) => [c.join(' '), c] as const))('%s', async (_, args) => {
    const argv = [...args, '--version'];
    const { stdout } = await run(python!, argv, { env: env() }).catch((e) => e);
    const version = minor === '2.7' ? '2.7.18' : minor;
    expect(isPipModule(parsePythonArgv(argv, version))).toBe(String(stdout).startsWith('pip '));
  });
});
