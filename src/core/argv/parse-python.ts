import { parseRelease } from './pip-version.js';
import type { PythonInvocation } from './types.js';

/** One CPython command line: its getopt option string and long options. */
export interface Grammar {
  /** Letters that are flags. */
  flags: string;
  /** Letters that take an argument (getopt's `x:`). */
  withArg: string;
  /** Long options (only exact names; getopt.c has no abbreviations and no `=`). */
  long: Readonly<Record<string, 'arg' | 'help'>>;
}

const HELP_LONG = { 'help-env': 'help', 'help-xoptions': 'help', 'help-all': 'help' } as const;

// Modules/main.c (2.7) BASE_OPTS "3bBc:dEhiJm:OQ:RsStuUvVW:xX?"; getopt.c
// rejects -J and -X there ("reserved").
const PY27: Grammar = { flags: '3bBdEhiORsStuUvVx?', withArg: 'cmQW', long: {} };
// Python/initconfig.c (3.x) "bBc:dEhiIJm:OPqRsStuvVW:xX:?"; -P from 3.11,
// --check-hash-based-pycs from 3.7, --help-env/-xoptions/-all from 3.11.
const py3 = (minor: number): Grammar => ({
  flags: minor >= 11 ? 'bBdEhiIOPqRsStuvVx?' : 'bBdEhiIOqRsStuvVx?',
  withArg: 'cmWX',
  long: {
    ...(minor >= 7 ? { 'check-hash-based-pycs': 'arg' } : {}),
    ...(minor >= 11 ? HELP_LONG : {}),
  },
});
// Version unknown: accept what any supported python accepts; the
// interpreter still rejects what it does not know.
const ANY: Grammar = {
  flags: '3bBdEhiIOPqRsStuUvVx?',
  withArg: 'cmQWX',
  long: { 'check-hash-based-pycs': 'arg', ...HELP_LONG },
};

/**
 * Every CPython option any supported python accepts: the shim's python router
 * is rendered from it, so the sh and this parser share one vocabulary.
 */
export function pythonOptionsAnyVersion(): Readonly<Grammar> {
  return ANY;
}

function grammarFor(version?: string | null): Grammar {
  const release = version ? parseRelease(version) : null;
  if (!release) return ANY;
  if ((release[0] ?? 3) < 3) return PY27;
  return py3(release[1] ?? 0);
}

/**
 * Parse python's own argv (after the interpreter path) as CPython's getopt
 * (Python/getopt.c) does: clustered flags (`-Esm pip`), an option argument
 * in the rest of the token or the next one (`-mpip`, `-X dev`), and the
 * end of interpreter options at `-c`, `-m`, `--`, `-` or the first
 * non-option (a script). `pythonVersion` (`3.12.1`) picks that version's
 * options; without it any supported python's are accepted.
 */
export function parsePythonArgv(argv: string[], pythonVersion?: string | null): PythonInvocation {
  const grammar = grammarFor(pythonVersion);
  const flags = new Set<string>();
  let version = false;
  let exits: PythonInvocation['exitsEarly'] = null;
  let stop = argv.length;
  let module: { name: string; token: number; index: number } | null = null;

  let i = 0;
  scan: while (i < argv.length) {
    const token = argv[i]!;
    if (token[0] !== '-' || token === '-') {
      stop = i;
      break;
    }
    if (token === '--') {
      stop = i;
      break;
    }
    if (token === '--help') {
      exits = 'help';
      break;
    }
    if (token === '--version') {
      version = true;
      i++;
      continue;
    }
    const at = i++;
    for (let c = 1; c < token.length; c++) {
      const ch = token[c]!;
      if (ch === '-') {
        // A long option: the rest of the token, matched exactly.
        const name = token.slice(c + 1);
        const kind = Object.hasOwn(grammar.long, name) ? grammar.long[name] : undefined;
        if (kind === undefined) {
          exits = 'error';
          break scan;
        }
        if (kind === 'help') {
          exits = 'help';
          break scan;
        }
        if (i >= argv.length) {
          exits = 'error';
          break scan;
        }
        i++;
        continue scan;
      }
      if (grammar.withArg.includes(ch)) {
        const attached = c + 1 < token.length;
        if (!attached && i >= argv.length) {
          exits = 'error';
          break scan;
        }
        const index = attached ? at : i;
        const value = attached ? token.slice(c + 1) : argv[i++]!;
        if (ch === 'm') module = { name: value, token: at, index };
        if (ch === 'c' || ch === 'm') {
          stop = at;
          break scan;
        }
        continue scan;
      }
      if (!grammar.flags.includes(ch)) {
        exits = 'error';
        break scan;
      }
      if (ch === 'h' || ch === '?') {
        exits = 'help';
        break scan;
      }
      if (ch === 'V') version = true;
      flags.add(ch);
    }
  }
  // -V is only acted on after parsing: `python -V -m pip install x` prints
  // the version and runs nothing.
  if (exits === null && version) exits = 'version';
  const isolated = flags.has('I');
  const runs = exits === null ? module : null;
  return {
    argv,
    noSite: flags.has('S'),
    flags: {
      isolated,
      ignoreEnvironment: isolated || flags.has('E'),
      noUserSite: isolated || flags.has('s'),
      ...(flags.has('S') ? { noSite: true } : {}),
      ...(isolated || flags.has('P') ? { safePath: true } : {}),
    },
    module: runs?.name ?? null,
    moduleIndex: runs?.index ?? -1,
    interpreterArgs: argv.slice(0, runs ? runs.token : Math.min(stop, argv.length)),
    moduleArgs: runs ? argv.slice(runs.index + 1) : [],
    exitsEarly: exits,
  };
}

/**
 * The modules that run pip with python's argv: `pip`; `pip.__main__`, which
 * runpy runs as the same pip/__main__.py; and `pip.__pip-runner__` (pip ≥
 * 22.3, the file `--python` re-executes), which run_module()s pip with the
 * argv untouched. Nothing else in pip has a `__main__` block of its own
 * (checked in pip 18.1 … 26.2.1; _vendor aside, which installs nothing).
 */
export const PIP_MODULES = ['pip', 'pip.__main__', 'pip.__pip-runner__'] as const;

/** Whether python runs pip (`-m` one of PIP_MODULES), whatever -S says. */
export function runsPipModule(inv: PythonInvocation): boolean {
  return (PIP_MODULES as readonly string[]).includes(inv.module ?? '');
}

/**
 * Whether python runs pip from site-packages: not under -S, where site is
 * not imported, so site-packages (and Debian's dist-packages) are not on
 * sys.path and python says "No module named pip"; only PYTHONPATH or the cwd
 * could supply one (decide() passes such a call, or refuses it under an org
 * lock: docs/security.md).
 */
export function isPipModule(inv: PythonInvocation): boolean {
  return !inv.noSite && runsPipModule(inv);
}
