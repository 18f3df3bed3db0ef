// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell code, where ${…} is parameter expansion
import { followBash } from './init-follow.js';
import type { InitOptions } from './init-options.js';
import { shQuote } from './quote.js';

/**
 * `eval "$(pipwarden init bash)"`. The shim dir goes first on PATH, and a
 * PROMPT_COMMAND hook puts it back first whenever something (a venv's
 * activate, `conda activate`, `pixi shell`) prepended its own dir, as direnv
 * and mise do. The hook is a few builtins when PATH is already right, keeps
 * `$?` for later hooks and PS1, and is added once however often this runs.
 * Works in bash 3.2 (macOS) too: `${x@a}` only runs from 4.4. Nothing forks:
 * a new shell pays only builtins.
 */
export function initBash(opts: InitOptions): string {
  const lines = [
    '# pipwarden shell integration for bash: eval "$(pipwarden init bash)"',
    `__pipwarden_shims=${shQuote(opts.shimDir)}`,
    ...followBash(opts),
    '__pipwarden_path() {',
    '  local s=$?',
    ...shimDirGone(),
    '  if [[ $PATH != "$__pipwarden_shims" && $PATH != "$__pipwarden_shims":* ]]; then',
    '    local p=":$PATH:"',
    '    while [[ $p == *":$__pipwarden_shims:"* ]]; do p=${p//":$__pipwarden_shims:"/:}; done',
    '    p=${p#:}',
    '    p=${p%:}',
    '    PATH=$__pipwarden_shims${p:+:$p}',
    '    hash -r',
    '  fi',
    // Only when PATH changed since the hook last ran: one compare a prompt otherwise.
    '  if [[ $PATH != "$__pipwarden_seen" ]]; then',
    '    __pipwarden_follow',
    '    __pipwarden_seen=$PATH',
    '  fi',
    '  return $s',
    '}',
    '__pipwarden_path',
    ...binOnPath(opts),
    'if [[ ${PROMPT_COMMAND[*]-} != *__pipwarden_path* ]]; then',
    // ${x@a} (bash 4.4+) tells an array without forking for `declare -p`;
    // arrays run only from bash 5.1, so an older bash has a string here.
    '  if ((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 404)) && [[ -n ${PROMPT_COMMAND+x} && ${PROMPT_COMMAND@a} == *a* ]]; then',
    '    PROMPT_COMMAND+=(__pipwarden_path)',
    '  else',
    // A newline, not `;`: the existing value may end in `;` or `&`.
    '    # shellcheck disable=SC2128,SC2178 # a string here: the array case is above',
    "    PROMPT_COMMAND=${PROMPT_COMMAND:+$PROMPT_COMMAND$'\\n'}__pipwarden_path",
    '  fi',
    'fi',
  ];
  if (opts.completionsDir !== null) {
    const file = shQuote(`${opts.completionsDir}/pipwarden.bash`);
    lines.push('# shellcheck source=/dev/null', `if [[ -r ${file} ]]; then source ${file}; fi`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * bash, zsh and sh: `pipwarden` becomes a command at the end of PATH, so it never
 * shadows one the user installed; a builtin lookup when it already is.
 */
export function binOnPath(opts: InitOptions): string[] {
  if (!opts.binDir) return [];
  return [`command -v pipwarden >/dev/null 2>&1 || PATH=$PATH:${shQuote(opts.binDir)}`];
}

/**
 * bash: the shim dir was removed (`install.sh --uninstall`) while this shell
 * was open. bash would keep exec'ing the hashed shim path and fail with "No
 * such file or directory" (checkhash is off by default); instead drop the
 * dir from PATH, forget the hashed paths, say so once, and stop the hook.
 * One `[[ -d ]]` a prompt: a stat, no fork.
 */
function shimDirGone(): string[] {
  return [
    '  if [[ ! -d $__pipwarden_shims ]]; then',
    '    local p=":$PATH:"',
    '    while [[ $p == *":$__pipwarden_shims:"* ]]; do p=${p//":$__pipwarden_shims:"/:}; done',
    '    p=${p#:}',
    '    p=${p%:}',
    '    PATH=$p',
    '    hash -r',
    '    printf \'pipwarden: %s is gone (pipwarden uninstalled?), so this shell runs pip without pipwarden now\\n\' "$__pipwarden_shims" >&2',
    '    __pipwarden_path() { return $?; }',
    '    return $s',
    '  fi',
  ];
}
