// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell code, where ${…} is parameter expansion

import { binOnPath } from './init-bash.js';
import { followZsh } from './init-follow.js';
import type { InitOptions } from './init-options.js';
import { shQuote } from './quote.js';

/**
 * `eval "$(pipwarden init zsh)"`. Same contract as bash's: shim dir first on
 * PATH, re-asserted from a precmd hook (add-zsh-hook adds it only once),
 * `$?` kept, `rehash` after a change because zsh caches command paths. The
 * hook runs under `emulate -L zsh` so KSH_ARRAYS and friends cannot bend it;
 * `${~${(b)dir}}` quotes the dir so glob characters in it are taken literally
 * (`(b)` alone leaves its backslashes literal without GLOB_SUBST, so a dir
 * with `[` or `*` in it was never removed from PATH and piled up).
 */
export function initZsh(opts: InitOptions): string {
  const lines = [
    '# pipwarden shell integration for zsh: eval "$(pipwarden init zsh)"',
    `typeset -g __pipwarden_shims=${shQuote(opts.shimDir)}`,
    ...followZsh(opts),
    '__pipwarden_path() {',
    '  local s=$?',
    '  emulate -L zsh',
    // Removed while this shell was open (install.sh --uninstall): zsh would
    // keep its hashed path to the shim; drop the dir, rehash, say so once.
    '  if [[ ! -d $__pipwarden_shims ]]; then',
    '    path=("${(@)path:#${~${(b)__pipwarden_shims}}}")',
    '    rehash',
    '    print -ru2 -- "pipwarden: $__pipwarden_shims is gone (pipwarden uninstalled?), so this shell runs pip without pipwarden now"',
    '    add-zsh-hook -d precmd __pipwarden_path',
    '    return $s',
    '  fi',
    '  if [[ ${path[1]-} != "$__pipwarden_shims" ]]; then',
    '    path=("$__pipwarden_shims" "${(@)path:#${~${(b)__pipwarden_shims}}}")',
    '    rehash',
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
    'autoload -Uz add-zsh-hook',
    'add-zsh-hook precmd __pipwarden_path',
  ];
  if (opts.completionsDir !== null) {
    lines.push(
      `typeset -g __pipwarden_completions=${shQuote(opts.completionsDir)}`,
      // On fpath for a compinit that runs later; registered now if it already ran.
      'fpath=("$__pipwarden_completions" "${(@)fpath:#${~${(b)__pipwarden_completions}}}")',
      'if (( ${+functions[compdef]} )); then autoload -Uz _pipwarden && compdef _pipwarden pipwarden; fi',
    );
  }
  return `${lines.join('\n')}\n`;
}
