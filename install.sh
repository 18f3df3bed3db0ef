#!/bin/sh
# Set up pipwarden from this checkout (dependencies and build if needed) or
# from an installed npm package (`pipwarden setup` runs this file): the
# `pipwarden` command, the shims, and the init line in your shells' rc files.
#   ./install.sh [--yes] [--no-modify-rc] [--bin-dir DIR]
#   ./install.sh --uninstall [--purge] [--bin-dir DIR]
# Safe to run again: every step checks what is already there.
set -eu

# System-wide install (as root): install-system.sh, beside this file.
case " $* " in *' --system '*) exec "$(dirname -- "$0")/install-system.sh" "$@" ;; esac

MARK='# added by pipwarden install.sh'
# How the user called us, for every "next:" line: `pipwarden setup` sets it.
me=${PIPWARDEN_INSTALL_AS:-./install.sh}

say() { printf 'pipwarden install: %s\n' "$*"; }
die() {
  printf 'pipwarden install: error: %s\n' "$1" >&2
  [ $# -lt 2 ] || printf 'pipwarden install: next: %s\n' "$2" >&2
  exit 1
}

usage() {
  cat <<EOF
usage: $me [options]       (for you; $me --system: for every user)

Common to both:
  --yes, -y           no questions (for scripts)
  --uninstall         remove what the install put there; list what it kept
  --purge             with --uninstall: remove what it kept too
  --help, -h          this text

For you:
  --no-modify-rc      leave ~/.bashrc, ~/.zshrc and config.fish alone
  --bin-dir DIR       where the pipwarden command goes (default ~/.local/bin)

Environment: PIPWARDEN_SHIM_DIR (shim dir), PIPWARDEN_BIN_DIR (like --bin-dir).
EOF
}

repo=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)
main=$repo/dist/cli/main.js
bin_dir=${PIPWARDEN_BIN_DIR:-${HOME:?HOME is not set}/.local/bin}
yes=0
modify_rc=1
uninstall=0
purge=0
while [ $# -gt 0 ]; do
  case $1 in
    -y | --yes) yes=1 ;;
    --no-modify-rc) modify_rc=0 ;;
    --bin-dir)
      [ $# -ge 2 ] || die '--bin-dir needs a directory' "$me --bin-dir ~/bin"
      bin_dir=$2
      shift
      ;;
    --bin-dir=*) bin_dir=${1#*=} ;;
    --uninstall) uninstall=1 ;;
    --purge) purge=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "unknown option $1" "$me --help" ;;
  esac
  shift
done
[ "$purge" = 0 ] || [ "$uninstall" = 1 ] || die '--purge goes with --uninstall' "$me --uninstall --purge"
case $bin_dir in
  /*) ;;
  *) bin_dir=$PWD/$bin_dir ;;
esac
link=$bin_dir/pipwarden

# A value in single quotes for sh, and for fish (which also escapes \ there).
sh_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
fish_quote() { printf "'%s'" "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e "s/'/\\\\'/g")"; }

zshrc=${ZDOTDIR:-$HOME}/.zshrc
zshenv=${ZDOTDIR:-$HOME}/.zshenv
fishrc=${XDG_CONFIG_HOME:-$HOME/.config}/fish/config.fish

# The file a login bash reads: the first of these that exists (bash reads
# only that one), else ~/.profile, which we then make.
bash_login_file() {
  for f in "$HOME/.bash_profile" "$HOME/.bash_login" "$HOME/.profile"; do
    if [ -f "$f" ]; then
      echo "$f"
      return 0
    fi
  done
  echo "$HOME/.profile"
}

# The rc files of the shells this machine has (or that already have an rc
# file), one "kind file" a line:
#   bash        ~/.bashrc: interactive bash at its end, and at its top the
#               bash sshd starts for a command (Debian's .bashrc returns
#               early for non-interactive shells, so a line at the end is
#               never reached there)
#   bash-login  a login bash (bash -l, a console login) whose login file
#               does not source ~/.bashrc, or that has no login file at all
#   zsh-env     ~/.zshenv: every zsh, zsh -c and zsh over ssh included
#   zsh, fish   ~/.zshrc, config.fish (fish reads it in fish -c too)
rc_files() {
  if command -v bash >/dev/null 2>&1 || [ -f "$HOME/.bashrc" ]; then
    echo "bash $HOME/.bashrc"
    login=$(bash_login_file)
    # Sources ~/.bashrc: a line that names it outside a comment (Debian's skeleton does).
    if ! { [ -f "$login" ] && grep -vF "$MARK" "$login" | grep -v '^[[:space:]]*#' | grep -q '\.bashrc'; }; then
      echo "bash-login $login"
    fi
  fi
  if command -v zsh >/dev/null 2>&1 || [ -f "$zshrc" ] || [ -f "$zshenv" ]; then
    echo "zsh-env $zshenv"
    echo "zsh $zshrc"
  fi
  if command -v fish >/dev/null 2>&1 || [ -f "$fishrc" ]; then echo "fish $fishrc"; fi
}

# Every file a line of ours may be in, for --uninstall.
all_rc_files() {
  for f in "$HOME/.bashrc" "$HOME/.bash_profile" "$HOME/.bash_login" "$HOME/.profile" "$zshenv" "$zshrc" "$fishrc"; do
    echo "- $f"
  done
}

# The one line each shell gets; MARK lets --uninstall find it exactly. It
# sources the static file rehash wrote (no Node at shell start); when that
# is missing or stale (it returns 1: pipwarden upgraded, or the shim dir
# moved) it falls back to `pipwarden init`, which writes it afresh.
init_line() {
  # shellcheck disable=SC2016 # the $-, ${…} are for the rc file, not us
  case $1 in
    bash-top)
      printf 'case $- in *i*) ;; *) %s ;; esac %s\n' "$(init_cmd bash)" "$MARK"
      ;;
    bash-login)
      printf 'if [ -n "${BASH_VERSION-}" ]; then %s; fi %s\n' "$(init_cmd bash)" "$MARK"
      ;;
    zsh-env) printf '%s %s\n' "$(init_cmd zsh)" "$MARK" ;;
    *) printf '%s %s\n' "$(init_cmd "$1")" "$MARK" ;;
  esac
}

init_cmd() {
  static=$data/init/init.$1
  if [ "$1" = fish ]; then
    q=$(fish_quote "$link")
    s=$(fish_quote "$static")
    printf 'if test -r %s; and source %s; else if test -x %s; %s init fish | source; end' "$s" "$s" "$q" "$q"
  else
    q=$(sh_quote "$link")
    s=$(sh_quote "$static")
    # shellcheck disable=SC2016 # the $(…) is for the rc file to run, not us
    printf 'if [ -r %s ] && . %s; then :; elif [ -x %s ]; then eval "$(%s init %s)"; fi' "$s" "$s" "$q" "$q" "$1"
  fi
}

# Drop our lines from an rc file in place (cat >, so a symlinked rc stays a link).
remove_line() {
  [ -f "$2" ] || return 0
  grep -qF "$MARK" "$2" || return 0
  tmp=$(mktemp)
  grep -vF "$MARK" "$2" >"$tmp" || :
  cat "$tmp" >"$2"
  rm -f "$tmp"
  say "removed the pipwarden line from $2"
  # Empty now: install.sh made it; a symlinked rc (dotfiles) always stays.
  if [ ! -s "$2" ] && [ ! -L "$2" ]; then
    rm -f "$2"
    rmdir "$(dirname -- "$2")" 2>/dev/null || :
  fi
}

add_line() {
  line=$(init_line "$1")
  # ~/.bashrc gets two lines: one at the top (non-interactive), one at the end.
  top=
  [ "$1" != bash ] || top=$(init_line bash-top)
  if [ -f "$2" ] && grep -qxF "$line" "$2" && { [ -z "$top" ] || [ "$(head -n 1 "$2")" = "$top" ]; }; then
    say "$2 already has the pipwarden line"
    return 0
  fi
  remove_line "$1" "$2"
  mkdir -p "$(dirname -- "$2")"
  # Start on a fresh line if the file does not end with one.
  if [ -s "$2" ] && [ -n "$(tail -c 1 "$2")" ]; then echo >>"$2"; fi
  printf '%s\n' "$line" >>"$2"
  if [ -n "$top" ]; then
    tmp=$(mktemp)
    { printf '%s\n' "$top" && cat "$2"; } >"$tmp"
    cat "$tmp" >"$2"
    rm -f "$tmp"
    say "added to the top of $2: $top"
  fi
  say "added to $2: $line"
}

node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 5) ? 0 : 1)'
}

# pipwarden's data, state or config dir, as src/io/paths.ts lays it out for
# the user who owns HOME: an absolute XDG_*_HOME, else the XDG default under
# HOME. (The cache dir is not laid out here: rehash --remove removes the one
# the shims baked in, and says so.)
env_path() {
  case $1 in
    data) base=${XDG_DATA_HOME-} default=$HOME/.local/share ;;
    state) base=${XDG_STATE_HOME-} default=$HOME/.local/state ;;
    config) base=${XDG_CONFIG_HOME-} default=$HOME/.config ;;
  esac
  case $base in
    /*) ;;
    *) base=$default ;;
  esac
  printf '%s/pipwarden\n' "$base"
}

# What pipwarden wrote while it ran, beyond the install: --uninstall names
# each one it keeps, --purge removes them. One "path<TAB>what" a line.
user_data() {
  data=$(env_path data)
  log=${PIPWARDEN_AUDIT_LOG_FILE:-$(env_path state)/audit.log}
  printf '%s\t%s\n' \
    "$data/trusted.json" 'trust records, from pipwarden trust' \
    "$data/answers.json" 'answers you gave its questions' \
    "$data/disposable" 'packages in the disposable user base, see pipwarden user list' \
    "$log" 'the audit log' \
    "$log.pending" 'audit records not yet appended to the log'
}

do_uninstall() {
  if [ -f "$main" ] && node_ok; then
    node "$main" rehash --remove
  else
    say "cannot run $main: remove the shim dir yourself (pipwarden rehash --remove)"
  fi
  kept=
  tab=$(printf '\t')
  while IFS=$tab read -r path what; do
    [ -e "$path" ] || [ -L "$path" ] || continue
    if [ "$purge" = 1 ]; then
      rm -rf -- "$path"
      say "removed $path: $what"
    else
      kept="$kept  $path: $what
"
    fi
  done <<EOF
$(user_data)
EOF
  rmdir "$(env_path data)" "$(env_path state)" 2>/dev/null || :
  if [ -L "$link" ] && [ "$(readlink "$link")" = "$main" ]; then
    rm -f "$link"
    rmdir "$bin_dir" 2>/dev/null || :
    say "removed $link"
  elif [ -e "$link" ] || [ -L "$link" ]; then
    say "left $link alone: it does not point to $main"
  fi
  all_rc_files | while read -r shell rc; do remove_line "$shell" "$rc"; done
  if [ -n "$kept" ]; then
    say "kept (yours to keep; $me --uninstall --purge removes them):"
    printf '%s' "$kept"
  fi
  config=$(env_path config)
  [ ! -e "$config" ] || say "kept your config $config (you wrote it; remove it yourself if you like)"
  say 'done. Open a new shell (an open one drops the shim dir from PATH at its next prompt).'
}

# A shared checkout another user owns: say so in one line instead of
# failing in chmod or npm halfway through.
not_mine() { [ -w "$1" ] || not_yours "$@"; }
not_yours() {
  owner=$(stat -c %U -- "$1" 2>/dev/null || stat -f %Su -- "$1")
  die "$1 $2, and only its owner ($owner) can change it" \
    "ask $owner to run $me in $repo once, or clone pipwarden for yourself"
}

do_install() {
  node_ok || die 'Node.js 20.5 or newer is needed' "install Node.js (https://nodejs.org), then rerun $me"
  cd "$repo"
  # A checkout has src/; an npm package (npm i -g, then pipwarden setup)
  # comes built, with its dependencies where npm put them.
  if [ -d src ]; then
    if [ ! -d node_modules ]; then
      not_mine "$repo" 'has no node_modules yet'
      say 'installing dependencies (npm ci)'
      npm ci --no-audit --no-fund
    fi
    if [ ! -f "$main" ] || [ -n "$(find src -name '*.ts' -newer "$main" 2>/dev/null | head -n 1)" ]; then
      not_mine "$repo" 'needs a build (npm run build)'
      say 'building (npm run build)'
      npm run build
    fi
    [ -f "$main" ] || die "$main is missing after the build" 'npm run build, and read its errors'
  fi
  [ -f "$main" ] || die "$main is missing from this package" 'reinstall it (npm i -g pipwarden)'
  if [ ! -x "$main" ] && ! chmod 755 "$main" 2>/dev/null; then
    not_yours "$main" 'is not executable yet'
  fi
  data=$(env_path data)

  mkdir -p "$bin_dir"
  if [ -e "$link" ] && [ ! -L "$link" ]; then
    die "$link exists and is not a link to pipwarden" "remove it, or $me --bin-dir <another dir>"
  fi
  ln -sfn "$main" "$link"
  say "linked $link -> $main"

  "$link" rehash

  if [ "$modify_rc" = 1 ]; then
    rcs=$(rc_files)
    answer=n
    if [ "$yes" = 1 ]; then
      answer=y
    elif [ -t 0 ] && [ -t 1 ]; then
      printf 'Add pipwarden'\''s init line to %s? [Y/n] ' "$(printf '%s\n' "$rcs" | cut -d' ' -f2- | paste -sd' ' -)"
      read -r answer || answer=n
      case $answer in '' | [Yy]*) answer=y ;; *) answer=n ;; esac
    fi
    if [ "$answer" = y ]; then
      printf '%s\n' "$rcs" | while read -r shell rc; do add_line "$shell" "$rc"; done
    else
      say 'rc files left alone; add these lines yourself (or rerun with --yes):'
      printf '%s\n' "$rcs" | while read -r shell rc; do
        [ "$shell" != bash ] || printf '  %s (first line): %s\n' "$rc" "$(init_line bash-top)"
        printf '  %s: %s\n' "$rc" "$(init_line "$shell")"
      done
    fi
  fi

  case :${PATH-}: in
    *:"$bin_dir":*) ;;
    *) say "note: $bin_dir is not on PATH; a new shell with the rc line finds pipwarden all the same" ;;
  esac
  say 'done. Open a new shell, and pip install will go through pipwarden (PIPWARDEN_DISABLE=1 bypasses it).'
}

# One install.sh at a time per HOME: two at once would both append the rc
# line (check-then-append is not atomic). mkdir is atomic; the holder's pid
# inside lets a later run take over a lock left by a killed one. A second
# run waits for the first, then finds everything in place.
lock=${HOME:?HOME is not set}/.pipwarden-install.lock
take_lock() {
  tries=0
  until mkdir "$lock" 2>/dev/null; do
    holder=$(cat "$lock/pid" 2>/dev/null || :)
    if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then
      rm -rf -- "$lock"
      continue
    fi
    tries=$((tries + 1))
    [ "$tries" -le 120 ] || die "another install.sh is running (pid ${holder:-?}, lock $lock)" \
      "wait for it to finish; if none is running, remove $lock and rerun"
    sleep 1
  done
  echo $$ >"$lock/pid"
  trap 'rm -rf -- "$lock"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
}
take_lock

if [ "$uninstall" = 1 ]; then do_uninstall; else do_install; fi
