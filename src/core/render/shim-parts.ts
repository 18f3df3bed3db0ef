import { PLAN_CACHE_FORMAT } from './plan-cache-entry.js';

/**
 * The sh a shim is made of, one constant per job. Values (name, dirs, node,
 * CLI path) are not in here: shim.ts bakes them in as quoted assignments at
 * the top, so these parts are fixed text. Every part runs under each
 * /bin/sh users have (dash, bash 3.2 and 5 as sh, busybox ash, mksh, yash,
 * posh, zsh as sh: test/shell/shells.test.ts) without forking: only
 * builtins, parameter expansion and `[`, so a pass-through costs a few
 * stat(2) calls, no Node. ASCII only: yash with no locale reads nothing else.
 * Rendered examples: shims/pip.sh and shims/python.sh (kept in sync by test).
 */

/**
 * The real executable: the first `$_pw_name` on PATH that is not a shim.
 * Skipped: our own dir (`-ef` compares device and inode, so a symlinked or
 * repeated PATH entry is skipped too), any dir holding the `.pipwarden-shims`
 * marker (another pipwarden's shim dir: two shim dirs could otherwise exec
 * each other forever), and anything that is this very file (a link to a shim
 * from some other dir). An empty PATH entry means the cwd, as in execvp(3).
 * The marker alone would skip our own dir too, so a sh without `-ef` (POSIX
 * leaves it out; posh's test lacks it) still never reaches itself: posh
 * (told by POSH_VERSION, which only posh sets; one inherited elsewhere only
 * takes the same safe path) skips the `-ef` checks, and a link to a shim from
 * another dir then comes back as re-entry (below) and is passed.
 *
 * Re-entry: a shim manager that falls back to PATH (pyenv's `system`
 * fallback in pyenv-which, asdf, mise) finds this shim again when it has no
 * `$_pw_name` of its own. `_pw_exec` leaves `_PIPWARDEN_EXEC="<pid> <name>
 * <real>"` behind; exec keeps the pid, so the same pid and name here means
 * `<real>` led back to us. pyenv's pip-rehash hook instead runs the command
 * as a child of that same-pid wrapper (pyenv.d/exec/pip-rehash/pip), so a
 * child of the marked pid with the same name and the very same argv
 * (`_PIPWARDEN_EXEC_ARGV`) is re-entry too; any other child (pip running
 * python, a script running pip) is an ordinary call. Re-entry goes on with
 * the candidates after `<real>`, as the manager would have had we not been
 * on PATH, and ends with 127 "command not found" when none is left.
 */
export const FIND_REAL = `# The real command: the first on PATH that is not a pipwarden shim.
_pw_after=
case \${_PIPWARDEN_EXEC-} in
  "$$ $_pw_name "?*) _pw_after=\${_PIPWARDEN_EXEC#"$$ $_pw_name "} ;;
  "\${PPID-} $_pw_name "?*)
    _pw_sig="$#:$*"
    if [ \${#_pw_sig} -gt 65536 ]; then _pw_sig="$#:"; fi
    if [ "\${_PIPWARDEN_EXEC_ARGV-}" = "$_pw_sig" ]; then _pw_after=\${_PIPWARDEN_EXEC#"$PPID $_pw_name "}; fi ;;
esac
_pw_skip=\${_pw_after:+1}
_pw_real=
# posh's test has no -ef (nor -nt, -ot, -O), and posh alone sets POSH_VERSION:
# told apart by a variable, so the common path pays no syscall for it.
_pw_ef=y
if [ -n "\${POSH_VERSION-}" ]; then _pw_ef=; fi
_pw_rest=\${PATH-}:
while [ -n "$_pw_rest" ]; do
  _pw_d=\${_pw_rest%%:*}
  _pw_rest=\${_pw_rest#*:}
  case $_pw_d in
    /*) ;;
    *) _pw_d=$PWD\${_pw_d:+/$_pw_d} ;;
  esac
  if [ -n "$_pw_skip" ]; then
    if [ "$_pw_d/$_pw_name" = "$_pw_after" ]; then _pw_skip=; fi
    continue
  fi
  if [ ! -f "$_pw_d/$_pw_name" ] || [ ! -x "$_pw_d/$_pw_name" ] || [ -e "$_pw_d/.pipwarden-shims" ]; then continue; fi
  # shellcheck disable=SC3013 # -ef: dash, bash, busybox ash, ksh, mksh, yash and zsh have it
  if [ "$_pw_ef" = y ] && { [ "$_pw_d" -ef "$_pw_shims" ] || [ "$_pw_d/$_pw_name" -ef "$0" ]; }; then continue; fi
  _pw_real=$_pw_d/$_pw_name
  break
done
if [ -z "$_pw_real" ] && [ -n "$_pw_after" ]; then
  printf '%s\\n' "pipwarden: $_pw_name: command not found" \\
    "pipwarden: $_pw_after has no $_pw_name of its own and fell back to PATH, which led back to pipwarden's shim; nothing else on PATH has it" \\
    "pipwarden: next: select a version that has $_pw_name (pyenv shell/local/global, asdf or mise), or call another name" >&2
  exit 127
fi
if [ -z "$_pw_real" ]; then
  printf '%s\\n' "pipwarden: $_pw_name: not found on PATH (pipwarden's shims in $_pw_shims skipped)" \\
    "pipwarden: next: install it or activate an environment that has it; pipwarden rehash drops shims of removed Pythons" >&2
  exit 127
fi
# Every exec goes through here: the marker above recognises a call that comes back.
_pw_exec() {
  _pw_x=$1
  shift
  _PIPWARDEN_EXEC="$$ $_pw_name $_pw_real"
  _PIPWARDEN_EXEC_ARGV="$#:$*"
  if [ \${#_PIPWARDEN_EXEC_ARGV} -gt 65536 ]; then _PIPWARDEN_EXEC_ARGV="$#:"; fi
  export _PIPWARDEN_EXEC _PIPWARDEN_EXEC_ARGV
  exec "$_pw_x" "$@"
}
`;

/**
 * The one bypass check. PIPWARDEN_DISABLE=1 is the user's switch (the
 * engine makes the same test); _PIPWARDEN_SHIM is set only in the engine's
 * own environment, so anything the engine runs that reaches a shim goes
 * straight through instead of asking the engine again. On a machine with an
 * org policy (/etc/pipwarden, which only root can make) the org may lock the
 * switch, and only the engine reads that: both then take the normal route,
 * where read-only calls still skip Node and an install asks the engine,
 * which honours PIPWARDEN_DISABLE=1 unless it is locked and never reads
 * _PIPWARDEN_SHIM. Any caller can set either variable (docs/security.md:
 * `_PIPWARDEN_SHIM=1 pip install --target …` escaped a locked venv-only), so
 * neither may skip the engine where a lock could hold. The engine's own
 * children never need the marker there: it runs the real interpreter by path
 * (the probe), never a shim.
 */
export const BYPASS = `# The one bypass check: PIPWARDEN_DISABLE=1, or a shim run by pipwarden itself; neither where an org policy may lock it.
if { [ -n "\${_PIPWARDEN_SHIM-}" ] || [ "\${PIPWARDEN_DISABLE-}" = 1 ]; } && [ ! -d /etc/pipwarden ]; then
  _pw_exec "$_pw_real" "$@"
fi
`;

/**
 * Ask the engine for a plan and eval it in this process, so the real pip is
 * exec'd here: its pid, TTY, signals and exit status are the shim's own and
 * no Node stays resident. The plan is `exec …` (maybe after set-up steps)
 * or `exit 77` for a refusal. Any non-zero status from the engine is its
 * own failure (64 usage, 70 internal, 78 config…): pass it on and never
 * fall back to running pip, which could install somewhere unintended.
 */
export const ENGINE = `# Ask pipwarden for a plan and eval it here: pip is exec'd in this process.
_pw_engine() {
  if [ ! -x "$_pw_node" ] || [ ! -f "$_pw_main" ]; then
    printf '%s\\n' "pipwarden: $_pw_name: cannot start pipwarden: $_pw_node or $_pw_main is missing" \\
      "pipwarden: next: run pipwarden rehash to rewrite the shims, or PIPWARDEN_DISABLE=1 $_pw_name ... to bypass pipwarden" >&2
    exit 127
  fi
  _pw_cached "$@"
  # The engine sees SHELL as this shell does: bash sets it, unexported, when it started
  # without one, and an entry that recorded it unset would then never replay. Only the
  # engine's subshell exports it; pip gets the environment as it came.
  _pw_plan=$(if [ -n "\${SHELL+s}" ]; then export SHELL; fi
    _PIPWARDEN_SHIM=1 _PIPWARDEN_PLAN_FILE=$_pw_f _PIPWARDEN_PLAN_KEY=$_pw_k "$_pw_node" "$_pw_main" shell-plan --real "$_pw_real" --name "$_pw_name" -- "$@") || exit
  eval "$_pw_plan"
  printf '%s\\n' "pipwarden: internal error: the plan for $_pw_name neither ran it nor exited" \\
    "pipwarden: next: report this; PIPWARDEN_DISABLE=1 $_pw_name ... bypasses pipwarden" >&2
  exit 70
}
`;

/**
 * The plan cache (docs/plan-cache.md): before starting Node, source the
 * entry the engine left for this very call, if this user owns it. The key
 * holds the cache format, the real command, the cwd and every argument,
 * each with its length so no two calls share one; entries are filed by the
 * key's length, so finding one costs no fork. The entry checks every input
 * the decision read and returns here at the first that changed; when all
 * hold, it runs the plan and never returns. Otherwise `_pw_f` and `_pw_k`
 * tell the engine where to leave a new entry. PIPWARDEN_PLAN_CACHE=0 turns
 * it off.
 */
export const PLAN_CACHE = `# The plan cache: a decision the engine made before, replayed while its inputs are unchanged.
_pw_cached() {
  _pw_f=
  _pw_k=
  if [ "\${PIPWARDEN_PLAN_CACHE-}" = 0 ]; then return; fi
  # Entries test with -O, -ef, -nt and -ot, which posh's test lacks: no cache there.
  if [ "$_pw_ef" != y ]; then return; fi
  # The dir rehash resolved (io/paths.ts cacheDir), one layout for the engine, doctor and the shim.
  _pw_c=\${PIPWARDEN_CACHE_DIR:-$_pw_cache}
  case $_pw_c in /*) ;; *) return ;; esac
  # Another user's (root running a user's shims, su without -): neither replay nor ask for an entry.
  # shellcheck disable=SC3065 # -O: see below
  if [ -e "$_pw_c" ] && [ ! -O "$_pw_c" ]; then return; fi
  _pw_k="${PLAN_CACHE_FORMAT} \${#_pw_real}:$_pw_real \${#PWD}:$PWD $#"
  for _pw_a do _pw_k="$_pw_k \${#_pw_a}:$_pw_a"; done
  if [ \${#_pw_k} -gt 8192 ]; then _pw_k=; return; fi
  _pw_f=$_pw_c/plans/$_pw_name.\${#_pw_k}
  # shellcheck disable=SC3065 # -O (owned by this user): dash, bash, busybox ash, ksh and zsh all have it
  if [ -f "$_pw_f" ] && [ -O "$_pw_f" ]; then
    # Sourcing only defines _pw_replay and sets _pw_whole (plan-cache-entry.ts): an entry cut
    # short does not end with its key. \`command\`: one that does not parse is a miss, not the
    # end of the shim, and its message is dropped (the plan itself runs outside this redirect).
    _pw_whole=
    # shellcheck disable=SC1090 # an entry written by the engine
    command . "$_pw_f" 2>/dev/null
    if [ "$_pw_whole" = "$_pw_k" ]; then _pw_replay "$@"; fi
  fi
}

# For an entry's check: how many exported variables named $1... are set, in _pw_n.
# Fails on a $1 name that is not a shell name (PIP_INDEX-URL, which pip reads):
# bash and zsh pass it on unseen, so they count from the environment they started with.
_pw_env_count() {
  _pw_n=0
  if [ -n "\${BASH_VERSION-}\${ZSH_VERSION-}" ] && [ -r /proc/$$/environ ]; then
    _pw_e=
    # shellcheck disable=SC3045 # read -d: bash and zsh, the only shells that get here
    while IFS= read -r -d '' _pw_v; do
      case $_pw_v in
        "$1"*=*) ;;
        *) continue ;;
      esac
      case \${_pw_v%%=*} in *[!A-Za-z0-9_]*) _pw_e=1 ;; esac
      _pw_n=$((_pw_n + 1))
    done </proc/$$/environ
    [ -z "$_pw_e" ]
    return
  fi
  # dash, busybox, mksh, ksh and posh drop such names; bash 3 shows them in export -p.
  # bash 4+ and zsh without /proc, and yash, pass them on unseen: never replay there.
  case \${BASH_VERSION-}:\${ZSH_VERSION-}\${YASH_VERSION-} in
    :|3.*:) ;;
    *) return 1 ;;
  esac
  _pw_e="
$(export -p)"
  case $_pw_e in
    *"
export PATH="*|*"
declare -x PATH="*) ;;
    *) return 1 ;;
  esac
  while :; do
    case $_pw_e in
      *"
export $1"*) _pw_e=\${_pw_e#*"
export $1"} ;;
      *"
declare -x $1"*) _pw_e=\${_pw_e#*"
declare -x $1"} ;;
      *) return 0 ;;
    esac
    _pw_v=\${_pw_e%%[!A-Za-z0-9_]*}
    _pw_e=\${_pw_e#"$_pw_v"}
    case $_pw_e in
      =*|"
"*|'') ;;
      *) return 1 ;;
    esac
    _pw_v=$1$_pw_v
    if eval "[ -n \\"\\\${$_pw_v+s}\\" ]"; then _pw_n=$((_pw_n + 1)); fi
  done
}
`;
