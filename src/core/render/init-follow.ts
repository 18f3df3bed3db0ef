// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell code, where ${…} is parameter expansion
import type { InitOptions } from './init-options.js';
import { fishQuote, shQuote } from './quote.js';

/*
 * The prompt hook's follow step, one per shell. A name the last full rehash
 * did not see (a venv's `python`, pyenv's) gets a shim in its own follow dir,
 * `<shims>/.follow/<name>`, and the hook puts that dir right after the shim
 * dir only while `<name>` is on PATH further on: a shell with no `python`
 * keeps `command -v python` failing, as it would without pipwarden.
 *
 * It runs only when PATH differs from what the hook left last time (one
 * string compare a prompt otherwise), with builtins only:
 * 1. drop every `<shims>/.follow/*` entry;
 * 2. in each absolute PATH dir that is not a shim dir, the names toolOf
 *    accepts (src/core/call.ts), executable files only;
 * 3. a name with a main shim: nothing; with a follow dir: put it on PATH;
 *    with neither: collect it;
 * 4. collected names not tried before in this shell, in a shim dir this user
 *    owns and may write: `rehash --follow` once (Node, by the absolute paths
 *    init baked, never a `pipwarden` found on PATH), then their follow dirs.
 * Only `<shims>/.follow/<name>` is ever added to PATH.
 */

/** The baked engine and the follow step's state (sh and zsh quoting). */
function shState(opts: InitOptions, typeset: string): string[] {
  return [
    `${typeset}__pipwarden_node=${shQuote(opts.engine?.node ?? '')}`,
    `${typeset}__pipwarden_main=${shQuote(opts.engine?.main ?? '')}`,
    // PATH as the hook last left it; the names this shell already asked rehash for.
    `${typeset}__pipwarden_seen=`,
    `${typeset}__pipwarden_tried=:`,
  ];
}

const FAILED =
  'pipwarden: no follow shim for%s (rehash --follow failed), so it runs without pipwarden; next: pipwarden rehash --follow%s';

/** bash (3.2 and later): a function the PROMPT_COMMAND hook calls when PATH changed. */
export function followBash(opts: InitOptions): string[] {
  return [
    ...shState(opts, ''),
    '__pipwarden_follow() {',
    "  local f=$__pipwarden_shims/.follow re='^(pip|python)(3(\\.[0-9]+)?)?$' IFS=' '",
    "  local rest=$PATH: keep='' d x n seen=: add='' new='' o=''",
    // The user's shell options must not bend the scan: failglob would abort
    // the loop, nocasematch and nocaseglob would take PIP for pip, set -f
    // would glob nothing. Each is put back below.
    '  if shopt -q failglob; then o=${o}f; shopt -u failglob; fi',
    '  if shopt -q nocasematch; then o=${o}m; shopt -u nocasematch; fi',
    '  if shopt -q nocaseglob; then o=${o}g; shopt -u nocaseglob; fi',
    '  if [[ $- == *f* ]]; then o=${o}n; set +f; fi',
    '  while [[ -n $rest ]]; do',
    '    d=${rest%%:*}',
    '    rest=${rest#*:}',
    '    if [[ $d == "$f"/* ]]; then continue; fi',
    '    keep=$keep:$d',
    '    if [[ $d != /* || $d == "$__pipwarden_shims" || -e $d/.pipwarden-shims ]]; then continue; fi',
    // One glob (one readdir) a dir: pip*, python* and a few others the pattern drops.
    '    for x in "$d"/p[iy][pt]*; do',
    '      n=${x##*/}',
    '      if [[ ! $n =~ $re || $seen == *":$n:"* || ! -f $x || ! -x $x ]]; then continue; fi',
    '      seen=$seen$n:',
    '      if [[ -f $__pipwarden_shims/$n ]]; then continue; fi',
    '      if [[ -f $f/$n/$n ]]; then',
    '        add=$add:$f/$n',
    '      elif [[ $__pipwarden_tried != *":$n:"* ]]; then',
    '        new="$new $n"',
    '        __pipwarden_tried=$__pipwarden_tried$n:',
    '      fi',
    '    done',
    '  done',
    '  if [[ -n $new && -w $__pipwarden_shims && -O $__pipwarden_shims && -x $__pipwarden_node ]]; then',
    '    # shellcheck disable=SC2086 # $new: names the pattern allowed, split on purpose',
    '    if "$__pipwarden_node" "$__pipwarden_main" rehash --dir "$__pipwarden_shims" --follow $new >/dev/null 2>&1; then',
    '      for n in $new; do if [[ -f $f/$n/$n ]]; then add=$add:$f/$n; fi; done',
    '    else',
    `      printf '${FAILED}\\n' "$new" "$new" >&2`,
    '    fi',
    '  fi',
    '  keep=${keep#:}',
    // The shim dir is first (the step before saw to it): the follow dirs go right after it.
    '  keep=${keep#"$__pipwarden_shims"}',
    '  if [[ $PATH != "$__pipwarden_shims$add$keep" ]]; then',
    '    PATH=$__pipwarden_shims$add$keep',
    '    hash -r',
    '  fi',
    '  if [[ $o == *f* ]]; then shopt -s failglob; fi',
    '  if [[ $o == *m* ]]; then shopt -s nocasematch; fi',
    '  if [[ $o == *g* ]]; then shopt -s nocaseglob; fi',
    '  if [[ $o == *n* ]]; then set -f; fi',
    '}',
  ];
}

/** zsh: runs under the hook's `emulate -L zsh`, so the user's options cannot bend it. */
export function followZsh(opts: InitOptions): string[] {
  return [
    ...shState(opts, 'typeset -g '),
    '__pipwarden_follow() {',
    '  emulate -L zsh',
    '  local f=$__pipwarden_shims/.follow d x n seen=:',
    '  local -a keep add new',
    '  for d in "${path[@]}"; do',
    '    if [[ $d == ${~${(b)f}}/* ]]; then continue; fi',
    '    keep+=("$d")',
    '    if [[ $d != /* || $d == "$__pipwarden_shims" || -e $d/.pipwarden-shims ]]; then continue; fi',
    '    for x in $d/p[iy][pt]*(N); do',
    '      n=${x:t}',
    // toolOf's pattern: pip, pip3, pip3.N, python, python3, python3.N.
    '      if [[ $n != (pip|python)(|3|3.<->) || $seen == *:$n:* || ! -f $x || ! -x $x ]]; then continue; fi',
    '      seen+=$n:',
    '      if [[ -f $__pipwarden_shims/$n ]]; then continue; fi',
    '      if [[ -f $f/$n/$n ]]; then',
    '        add+=("$f/$n")',
    '      elif [[ $__pipwarden_tried != *:$n:* ]]; then',
    '        new+=("$n")',
    '        __pipwarden_tried+=$n:',
    '      fi',
    '    done',
    '  done',
    '  if (( $#new )) && [[ -w $__pipwarden_shims && -O $__pipwarden_shims && -x $__pipwarden_node ]]; then',
    '    if "$__pipwarden_node" "$__pipwarden_main" rehash --dir "$__pipwarden_shims" --follow "${new[@]}" >/dev/null 2>&1; then',
    '      for n in "${new[@]}"; do if [[ -f $f/$n/$n ]]; then add+=("$f/$n"); fi; done',
    '    else',
    `      printf '${FAILED}\\n' " \${new[*]}" " \${new[*]}" >&2`,
    '    fi',
    '  fi',
    '  local -a want',
    '  want=("$__pipwarden_shims" "${add[@]}" "${(@)keep:#${~${(b)__pipwarden_shims}}}")',
    '  if [[ "${(j.:.)want}" != "$PATH" ]]; then',
    '    path=("${want[@]}")',
    '    rehash',
    '  fi',
    '}',
  ];
}

/** fish (3.0 and later): `string`, `contains` and `test` are builtins. */
export function followFish(opts: InitOptions): string[] {
  return [
    `set -g __pipwarden_node ${fishQuote(opts.engine?.node ?? '')}`,
    `set -g __pipwarden_main ${fishQuote(opts.engine?.main ?? '')}`,
    'set -g __pipwarden_seen',
    'set -g __pipwarden_tried',
    'function __pipwarden_follow',
    '    set -l f $__pipwarden_shims/.follow',
    '    set -l keep',
    '    set -l add',
    '    set -l new',
    '    set -l seen',
    // Every `<shims>/.follow/` entry dropped in one call (a command
    // substitution per entry cost more than the rest of the hook); the
    // prefix escaped so the shim dir's own characters match literally.
    '    if set -q PATH[1]',
    '        set keep (string match -rv -- "^"(string escape --style=regex -- "$f/") $PATH)',
    '    end',
    '    for d in $keep',
    '        if not string match -q -- "/*" "$d"; or test "$d" = "$__pipwarden_shims"; or test -e "$d/.pipwarden-shims"',
    '            continue',
    '        end',
    // One wildcard a dir (each costs a directory read: two doubled the hook's
    // time), and `set` takes one that matches nothing as an empty list;
    // `string` with no argument would read stdin, hence the guard. One
    // `string` call a dir, not one a file.
    '        set -l xs $d/p*',
    '        set -q xs[1]; or continue',
    "        for n in (string match -r -- '^(?:pip|python)(?:3(?:\\.[0-9]+)?)?$' (string replace -r '.*/' '' -- $xs))",
    '            set -l x $d/$n',
    '            contains -- $n $seen; and continue',
    '            test -f $x -a -x $x; or continue',
    '            set -a seen $n',
    '            test -f $__pipwarden_shims/$n; and continue',
    '            if test -f $f/$n/$n',
    '                set -a add $f/$n',
    '            else if not contains -- $n $__pipwarden_tried',
    '                set -a new $n',
    '                set -ga __pipwarden_tried $n',
    '            end',
    '        end',
    '    end',
    '    if set -q new[1]; and test -w $__pipwarden_shims -a -O $__pipwarden_shims -a -x "$__pipwarden_node"',
    '        if $__pipwarden_node $__pipwarden_main rehash --dir $__pipwarden_shims --follow $new >/dev/null 2>&1',
    '            for n in $new',
    '                test -f $f/$n/$n; and set -a add $f/$n',
    '            end',
    '        else',
    `            printf '${FAILED}\\n' " $new" " $new" >&2`,
    '        end',
    '    end',
    '    set -l rest',
    '    for d in $keep',
    '        test "$d" = "$__pipwarden_shims"; or set -a rest $d',
    '    end',
    '    set -l want (string join : -- $__pipwarden_shims $add $rest)',
    '    set -l now (string join : -- $PATH)',
    '    if test "$want" != "$now"',
    '        set -gx PATH $__pipwarden_shims $add $rest',
    '    end',
    'end',
  ];
}
