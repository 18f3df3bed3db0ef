import { PIP_MODULES, pythonOptionsAnyVersion } from '../argv/parse-python.js';
import { COMMANDS } from '../argv/pip-commands.js';
import { GENERAL_OPTIONS } from '../argv/pip-options.js';
import { changesEnv } from '../triage.js';

/**
 * The shim's two routers, rendered from the tables the TypeScript parsers
 * use (pip-options.ts, pip-commands.ts, parse-python.ts), so adding an
 * option or a subcommand there updates the sh too. A shim does not know
 * its pip's version, so the arms hold every pip release the tables cover;
 * an option a given pip lacks makes that pip fail on its own.
 */

/** sh case patterns, `|`-joined and wrapped with `\` continuations. */
function arm(patterns: readonly string[], indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const p of patterns) {
    const next = line === '' ? p : `${line}|${p}`;
    if (line !== '' && indent.length + next.length > 96) {
      lines.push(`${line}|\\`);
      line = p;
    } else {
      line = next;
    }
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : `${indent}${l}`)).join('\n');
}

/**
 * Subcommands that write distributions or a lock file (download -d, wheel
 * -w, lock -o): decide() passes them today, but they stay with the engine,
 * as before the router was generated, so a policy for them needs no shim change.
 */
const WRITES_FILES = new Set(['download', 'wheel', 'lock']);

function pipVocabulary() {
  const output: string[] = [];
  const flags: string[] = [];
  const values: string[] = [];
  const shortFlags = new Set<string>();
  const shortOutput = new Set<string>();
  for (const [spellings, dest, takesValue] of GENERAL_OPTIONS) {
    const endsInOutput = dest === 'help' || dest === 'version';
    for (const s of spellings.split(' ')) {
      if (!s.startsWith('--')) {
        // A short value option in a cluster is left to the engine.
        if (takesValue === 0) shortFlags.add(s.slice(1));
        if (endsInOutput) shortOutput.add(s.slice(1));
        if (endsInOutput) output.push(s);
        continue;
      }
      if (endsInOutput) output.push(s);
      else (takesValue === 1 ? values : flags).push(s);
    }
  }
  const readOnly = Object.keys(COMMANDS).filter(
    (name) => !changesEnv(name) && !WRITES_FILES.has(name),
  );
  return {
    output: [...new Set(output)],
    flags: [...new Set(flags)],
    values: [...new Set(values)],
    shortFlags: [...shortFlags].join(''),
    shortOutput: [...shortOutput].join(''),
    readOnly,
  };
}

/**
 * Status 0 when pip's argv may change an environment, so the engine must
 * decide; 1 when it cannot, so the call passes straight through. pip's main
 * parser stops at the first non-option (optparse disable_interspersed_args,
 * pip/_internal/cli/main_parser.py), so only general options precede the
 * subcommand; the value-taking ones are listed so their value is not taken
 * for the subcommand. Read-only subcommands are those decide() passes
 * through (changesEnv) that write no files. Anything unknown (an abbreviated long option, `--`,
 * an unknown subcommand) goes to the engine: when in doubt, ask.
 */
export function renderPipRoute(): string {
  const v = pipVocabulary();
  const i = '      ';
  return `# Succeeds when pip's argv may change an environment; read-only calls fail.
_pw_pip_may_change() {
  # pip's completion protocol only prints words and exits
  # (pip/_internal/cli/autocompletion.py), but only with COMP_WORDS and
  # COMP_CWORD set: without them pip 24.2 and later ignore PIP_AUTO_COMPLETE
  # and run the command as usual (23.2.1 has no such check and fails).
  if [ -n "\${PIP_AUTO_COMPLETE+s}" ] && [ -n "\${COMP_WORDS-}" ] && [ -n "\${COMP_CWORD-}" ]; then
    return 1
  fi
  while [ $# -gt 0 ]; do
    case $1 in
      ${arm(v.output, i)}) return 1 ;;
      ${arm(v.flags, i)}) shift ;;
      ${arm(v.values, i)})
        if [ $# -lt 2 ]; then return 0; fi
        shift 2 ;;
      ${arm(
        v.values.map((o) => `${o}=*`),
        i,
      )}) shift ;;
      -[${v.shortFlags}]*)
        # A cluster of pip's short general flags, e.g. -vvq or -qV.
        case \${1#-} in
          *[!${v.shortFlags}]*) return 0 ;;
          *[${v.shortOutput}]*) return 1 ;;
        esac
        shift ;;
      -*) return 0 ;;
      ${arm(v.readOnly, i)}) return 1 ;;
      *) return 0 ;;
    esac
  done
  # No subcommand: pip prints its help.
  return 1
}
`;
}

/** A letter as a sh case pattern (`?` is a glob). */
const letter = (c: string) => (c === '?' ? "'?'" : c);

/**
 * Status 0 for `python -m pip <args that may change an env>`, 1 otherwise.
 * Scans like CPython's own getopt (Python/getopt.c, Python/initconfig.c),
 * with the options of parse-python.ts: short options cluster (-Im pip,
 * -mpip); -c, -m, a script path, `-` or `--` end the scan; options with a
 * value take it attached or next; long options match whole words only; -h,
 * -? and -V end in output; an unknown letter is python's usage error.
 * `-m pip.__main__` and `-m pip.__pip-runner__` run pip with the same argv
 * (PIP_MODULES), so they route like `-m pip`. With -S, site is not
 * imported, so neither site-packages nor dist-packages is on sys.path and
 * every python here says "No module named pip" (checked with 2.7, 3.6, 3.12
 * and Debian's 3.11): not a pip call, passed through (isPipModule agrees).
 * But PYTHONPATH, or a `pip/` in the cwd, still supplies one, and under -S a
 * venv's python has the base interpreter's sys.prefix: where an org policy
 * may lock (/etc/pipwarden), -S goes to the engine (docs/security.md).
 * Out of scope here: pip run by a file path (`python …/pip`, `-c`), which
 * is calling pip without its name.
 */
export function renderPythonRoute(): string {
  const g = pythonOptionsAnyVersion();
  const longWithArg = Object.entries(g.long)
    .filter(([, kind]) => kind === 'arg')
    .map(([name]) => `--${name}`);
  const valueLetters = [...g.withArg].filter((c) => c !== 'c' && c !== 'm');
  const endLetters = ['c', ...[...g.flags].filter((c) => c === 'h' || c === '?' || c === 'V')];
  const flagLetters = [...g.flags].filter((c) => !endLetters.includes(c) && c !== 'S');
  return `# Succeeds for python [options] -m pip <a call that may change an environment>.
_pw_python_may_change() {
  _pw_nosite=
  while [ $# -gt 0 ]; do
    case $1 in
      ${longWithArg.join('|')})
        if [ $# -lt 2 ]; then return 1; fi
        shift 2
        continue ;;
      ''|-|--|--*|[!-]*) return 1 ;;
    esac
    _pw_opts=\${1#-}
    shift
    while [ -n "$_pw_opts" ]; do
      _pw_c=\${_pw_opts%"\${_pw_opts#?}"}
      _pw_opts=\${_pw_opts#?}
      case $_pw_c in
        m)
          if [ -z "$_pw_opts" ]; then
            if [ $# -eq 0 ]; then return 1; fi
            _pw_opts=$1
            shift
          fi
          case $_pw_opts in
            ${PIP_MODULES.join('|')}) ;;
            *) return 1 ;;
          esac
          # -S: no site-packages on sys.path, so pip is not importable there,
          # unless PYTHONPATH or the cwd supplies one: where an org policy may
          # lock, the engine decides.
          if [ -n "$_pw_nosite" ] && [ ! -d /etc/pipwarden ]; then return 1; fi
          _pw_pip_may_change "$@"
          return ;;
        ${endLetters.map(letter).join('|')}) return 1 ;;
        S) _pw_nosite=1 ;;
        ${valueLetters.map(letter).join('|')})
          if [ -z "$_pw_opts" ]; then
            if [ $# -eq 0 ]; then return 1; fi
            shift
          fi
          _pw_opts= ;;
        ${flagLetters.map(letter).join('|')}) ;;
        *) return 1 ;;
      esac
    done
  done
  return 1
}
`;
}
