#!/bin/sh
# pipwarden for every user of a machine (run as root). `./install.sh --system`
# forwards here. It writes:
#   /usr/local/lib/pipwarden/shims/    shared shims (pip, pip3, python3 -m pip…)
#   /usr/local/bin/pipwarden           the command (a link into this checkout)
#   /etc/pipwarden/config.yaml         the org config, with --preset (kept if present)
#   /etc/profile.d/pipwarden.sh, a line in /etc/bash.bashrc and /etc/zsh/zshrc,
#   /etc/fish/conf.d/pipwarden.fish    shell hooks: the shim dir first on PATH
#   /etc/sudoers.d/pipwarden           the shim dir first in sudo's secure_path,
#                                      so `sudo pip install x` reaches pipwarden
#   /var/log/pipwarden/audit.jsonl     a shared audit file users append to
# --uninstall removes all of it (an /etc/pipwarden/config.yaml you edited is kept).
set -eu

MARK='# added by pipwarden install-system.sh'
SHIMS=/usr/local/lib/pipwarden/shims
BIN=/usr/local/bin/pipwarden
ORG=/etc/pipwarden
AUDIT=/var/log/pipwarden/audit.jsonl
SYSTEM_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

say() { printf 'pipwarden install-system: %s\n' "$*"; }
die() {
  printf 'pipwarden install-system: error: %s\n' "$1" >&2
  [ $# -lt 2 ] || printf 'pipwarden install-system: next: %s\n' "$2" >&2
  exit 1
}

usage() {
  cat <<'USAGE'
usage: ./install-system.sh [--preset NAME] [--uninstall]   (as root; also ./install.sh --system)

  --preset NAME   the org config's preset: venv-only (default), no-user-site,
                  no-break-system-packages, no-sudo-pip, index-only
  --uninstall     remove everything this script installed
USAGE
}

repo=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)
main=$repo/dist/cli/main.js
preset=venv-only
uninstall=0
while [ $# -gt 0 ]; do
  case $1 in
    --system) ;;
    --preset)
      [ $# -ge 2 ] || die '--preset needs a name' './install-system.sh --preset venv-only'
      preset=$2
      shift
      ;;
    --preset=*) preset=${1#*=} ;;
    --uninstall) uninstall=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "unknown option $1" './install-system.sh --help' ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || die 'a system-wide install needs root' 'sudo ./install.sh --system'
[ -f "$repo/presets/$preset.yaml" ] ||
  die "unknown preset \"$preset\"" "one of: $(cd "$repo/presets" && printf '%s ' *.yaml | sed 's/\.yaml//g')"

# The $PATH in these hooks is for the shell that reads them, not for us.
# shellcheck disable=SC2016
sh_hook() {
  printf '%s\ncase ":${PATH}:" in *":%s:"*) ;; *) PATH="%s:${PATH}"; export PATH ;; esac\n' "$MARK" "$SHIMS" "$SHIMS"
}

# The marked lines of a file we share with the distro: added, or taken out.
add_block() {
  mkdir -p "$(dirname -- "$1")"
  remove_block "$1"
  if [ -s "$1" ] && [ -n "$(tail -c 1 "$1")" ]; then echo >>"$1"; fi
  sh_hook | sed "s/\$/ $MARK/" | sed "1s/ $MARK\$//" >>"$1"
  say "added the PATH line to $1"
}
remove_block() {
  [ -f "$1" ] && grep -qF "$MARK" "$1" || return 0
  tmp=$(mktemp)
  grep -vF "$MARK" "$1" >"$tmp" || :
  cat "$tmp" >"$1"
  rm -f "$tmp"
  if [ ! -s "$1" ]; then rm -f "$1"; fi
  say "removed the pipwarden lines from $1"
}

secure_path() {
  # sudo's current secure_path, without our dir; the Debian default otherwise.
  sp=$(sed -n 's/^Defaults[[:space:]]*secure_path[[:space:]]*=[[:space:]]*"\{0,1\}\([^"]*\)"\{0,1\}.*/\1/p' /etc/sudoers 2>/dev/null | tail -n 1)
  printf '%s' "${sp:-$SYSTEM_PATH}"
}

if [ "$uninstall" = 1 ]; then
  if [ -f "$main" ]; then node "$main" rehash --dir "$SHIMS" --remove || :; fi
  rm -rf "$SHIMS"
  rmdir /usr/local/lib/pipwarden 2>/dev/null || :
  if [ -L "$BIN" ]; then rm -f "$BIN"; fi
  rm -f /etc/profile.d/pipwarden.sh /etc/fish/conf.d/pipwarden.fish /etc/sudoers.d/pipwarden
  remove_block /etc/bash.bashrc
  remove_block /etc/zsh/zshrc
  if [ -f "$ORG/config.yaml" ] && head -n 1 "$ORG/config.yaml" | grep -qF "$MARK" &&
    [ "$(sed 1d "$ORG/config.yaml")" = "$(sed 1d "$ORG/.installed")" ]; then
    rm -f "$ORG/config.yaml"
  elif [ -f "$ORG/config.yaml" ]; then
    say "kept $ORG/config.yaml: it was edited after install"
  fi
  rm -f "$ORG/.installed"
  rmdir "$ORG" 2>/dev/null || :
  if [ -f "$AUDIT" ]; then chattr -a "$AUDIT" 2>/dev/null || :; fi
  say "kept the audit log $AUDIT (remove it by hand when no longer needed)"
  say 'removed the system install; users'"'"' own installs are untouched'
  exit 0
fi

command -v node >/dev/null 2>&1 || die 'node is not on PATH' 'install Node.js 20.5 or newer'
[ -f "$main" ] || die "$main is missing" "cd $repo && npm ci && npm run build"

# 1. Shared shims for the system's interpreters only (no user's pyenv).
mkdir -p "$SHIMS"
env -u PYENV_ROOT PATH="$SYSTEM_PATH" PIPWARDEN_SHIM_DIR="$SHIMS" node "$main" rehash --dir "$SHIMS"
chmod 755 /usr/local/lib/pipwarden "$SHIMS"
mkdir -p "$(dirname -- "$BIN")"
ln -sfn "$main" "$BIN"

# 2. The org config: the preset, the shared audit file.
mkdir -p "$ORG" /var/log/pipwarden
if [ ! -f "$ORG/config.yaml" ]; then
  {
    printf '%s (edit freely; see docs/config.md)\n' "$MARK"
    printf 'presets: [%s]\n' "$preset"
    printf 'audit: { file: %s }\n' "$AUDIT"
  } >"$ORG/config.yaml"
  cp "$ORG/config.yaml" "$ORG/.installed"
  chmod 644 "$ORG/config.yaml" "$ORG/.installed"
  say "wrote $ORG/config.yaml (preset $preset)"
else
  say "kept the existing $ORG/config.yaml"
fi
touch "$AUDIT"
chmod 622 "$AUDIT"
# Append-only where the file system supports it: users add lines, never rewrite.
chattr +a "$AUDIT" 2>/dev/null || say "chattr +a $AUDIT not supported here; the file is 0622"

# 3. Shell hooks, login and interactive.
mkdir -p /etc/profile.d
sh_hook >/etc/profile.d/pipwarden.sh
chmod 644 /etc/profile.d/pipwarden.sh
add_block /etc/bash.bashrc
if [ -d /etc/zsh ] || command -v zsh >/dev/null 2>&1; then add_block /etc/zsh/zshrc; fi
if [ -d /etc/fish ] || command -v fish >/dev/null 2>&1; then
  mkdir -p /etc/fish/conf.d
  # shellcheck disable=SC2016
  printf '%s\ncontains %s $PATH; or set -gx PATH %s $PATH\n' "$MARK" "$SHIMS" "$SHIMS" >/etc/fish/conf.d/pipwarden.fish
  chmod 644 /etc/fish/conf.d/pipwarden.fish
fi

# 4. sudo: its secure_path replaces PATH, so put the shim dir first in it.
if [ -d /etc/sudoers.d ]; then
  tmp=$(mktemp)
  printf '%s\nDefaults secure_path="%s:%s"\n' "$MARK" "$SHIMS" "$(secure_path | sed "s#$SHIMS:##")" >"$tmp"
  if command -v visudo >/dev/null 2>&1 && ! visudo -cqf "$tmp"; then
    rm -f "$tmp"
    die 'the sudoers drop-in did not pass visudo -c' 'report this; sudo pip will not reach pipwarden'
  fi
  install -m 0440 "$tmp" /etc/sudoers.d/pipwarden
  rm -f "$tmp"
fi
say "installed for every user: shims in $SHIMS, config in $ORG (new shells pick it up)"
