// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell code, where ${…} is parameter expansion

import { binOnPath } from './init-bash.js';
import type { InitOptions } from './init-options.js';
import { shQuote } from './quote.js';

/**
 * `eval "$(pipwarden init sh)"` for dash, ksh and other POSIX shells. They
 * have no prompt hook that can change PATH (a `$(…)` in PS1 runs in a
 * subshell), so the shim dir goes first once; after activating an env, call
 * `__pipwarden_path` to put it back in front. No completion: sh has none.
 * Only parameter expansion, so it also runs where `[[` does not exist.
 */
export function initSh(opts: InitOptions): string {
  const lines = [
    '# pipwarden shell integration for POSIX sh: eval "$(pipwarden init sh)"',
    '# No prompt hook exists in sh: run __pipwarden_path after activating an environment.',
    `__pipwarden_shims=${shQuote(opts.shimDir)}`,
    '__pipwarden_path() {',
    '  __pipwarden_s=$?',
    '  case $PATH in',
    '    "$__pipwarden_shims" | "$__pipwarden_shims":*) ;;',
    '    *)',
    '      __pipwarden_p=:$PATH:',
    '      while :; do',
    '        case $__pipwarden_p in',
    '          *:"$__pipwarden_shims":*)',
    '            __pipwarden_p=${__pipwarden_p%%:"$__pipwarden_shims":*}:${__pipwarden_p#*:"$__pipwarden_shims":} ;;',
    '          *) break ;;',
    '        esac',
    '      done',
    '      __pipwarden_p=${__pipwarden_p#:}',
    '      __pipwarden_p=${__pipwarden_p%:}',
    '      PATH=$__pipwarden_shims${__pipwarden_p:+:$__pipwarden_p}',
    '      export PATH',
    '      hash -r 2>/dev/null || :',
    '      ;;',
    '  esac',
    '  return $__pipwarden_s',
    '}',
    '__pipwarden_path',
    ...binOnPath(opts),
  ];
  return `${lines.join('\n')}\n`;
}
