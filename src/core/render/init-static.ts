// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell code, where ${…} is parameter expansion
import { fishQuote, shQuote } from './quote.js';

/** The shells that get a static init file; sh has no rc line of ours. */
export type StaticShell = 'bash' | 'zsh' | 'fish';

export interface StaticInitSpec {
  shell: StaticShell;
  /** What `pipwarden init <shell>` prints for the same options. */
  body: string;
  /** Absolute path the static file is written to (its own mtime is part of the check). */
  file: string;
  /** pipwarden's CLI entry: a rebuild leaves it newer than `file`. */
  main: string;
  /** pipwarden's package.json: its "version" line must still name `version`. */
  packageJson: string;
  version: string;
  shimDir: string;
  /**
   * `PIPWARDEN_SHIM_DIR:XDG_DATA_HOME:HOME` as the writer saw them: the
   * inputs the shim dir is derived from (env-paths), so a shell whose values
   * differ gets the dir Node would compute, not this file's.
   */
  key: string;
}

/**
 * The file the rc line sources instead of starting Node: `pipwarden init
 * <shell>`'s code behind a guard of builtins only. The guard returns 1 when
 * the file may be stale, so the rc line falls back to `pipwarden init`
 * (which rewrites it): pipwarden upgraded (package.json's version) or
 * rebuilt (main.js newer than this file), the shim dir gone, or the
 * variables the shim dir comes from changed. Reading package.json with
 * `read` costs a few lines of one small file, no fork.
 */
export function staticInit(spec: StaticInitSpec): string {
  const head = `# pipwarden ${spec.version} shell integration for ${spec.shell}, written by pipwarden rehash or init; edits are lost.`;
  if (spec.shell === 'fish')
    return [head, fishGuard(spec), spec.body.trimEnd(), 'true', ''].join('\n');
  return [head, shGuard(spec), spec.body.trimEnd(), 'true', ''].join('\n');
}

/** bash and zsh alike: `[[`, `-nt` and `read -r` are in both. */
function shGuard(s: StaticInitSpec): string {
  const pkg = shQuote(s.packageJson);
  return [
    '# Stale (upgraded, rebuilt, or the shim dir moved): return 1, and the rc line runs pipwarden init.',
    '__pipwarden_l=',
    `if [[ -r ${pkg} ]]; then`,
    `  while IFS= read -r __pipwarden_l; do [[ $__pipwarden_l == *'"version"'* ]] && break; done <${pkg}`,
    'fi',
    `if [[ $__pipwarden_l != *'"version"'*${shQuote(`"${s.version}"`)}* || ! -f ${shQuote(s.main)} ||`,
    `  ${shQuote(s.main)} -nt ${shQuote(s.file)} || ! -f ${shQuote(`${s.shimDir}/.pipwarden-shims`)} ||`,
    `  \${PIPWARDEN_SHIM_DIR-}:\${XDG_DATA_HOME-}:\${HOME-} != ${shQuote(s.key)} ]]; then`,
    '  unset __pipwarden_l',
    '  return 1',
    'fi',
    'unset __pipwarden_l',
  ].join('\n');
}

function fishGuard(s: StaticInitSpec): string {
  const pkg = fishQuote(s.packageJson);
  return [
    '# Stale (upgraded, rebuilt, or the shim dir moved): return 1, and the rc line runs pipwarden init.',
    'set -l __pipwarden_l',
    `if test -r ${pkg}`,
    '    while read -l line',
    `        if string match -q -- '*"version"*' $line`,
    '            set __pipwarden_l $line',
    '            break',
    '        end',
    `    end <${pkg}`,
    'end',
    `if not string match -q -- ${fishQuote(`*"version"*"${s.version}"*`)} "$__pipwarden_l"`,
    `    or not test -f ${fishQuote(s.main)}`,
    `    or test ${fishQuote(s.main)} -nt ${fishQuote(s.file)}`,
    `    or not test -f ${fishQuote(`${s.shimDir}/.pipwarden-shims`)}`,
    `    or test "$PIPWARDEN_SHIM_DIR:$XDG_DATA_HOME:$HOME" != ${fishQuote(s.key)}`,
    '    return 1',
    'end',
  ].join('\n');
}
