#!/bin/sh
# Install pipwarden for every user of this machine (run as root):
#   ./install.sh --system [--preset venv-only[,no-sudo-pip…]] [--audit-file PATH] [--syslog] [--prefix DIR]
#   ./install.sh --system --uninstall [--purge] [--prefix DIR]
# What it writes (and --uninstall removes again):
#   <prefix>/lib/pipwarden/          a copy of the package, the shared shims, static init files
#   <prefix>/bin/pipwarden           the command
#   /etc/profile.d/pipwarden.sh      login shells (sh, bash)
#   /etc/bash.bashrc                 one marked line, at the top (interactive bash, and
#                                    the bash sshd starts for a command: Debian's file
#                                    returns early for non-interactive shells)
#   /etc/zsh/zshenv, /etc/zsh/zshrc  one marked line each (zshenv: every zsh, zsh -c too)
#   /etc/fish/conf.d/pipwarden.fish  fish
#   /etc/sudoers.d/pipwarden         the shims first on sudo's secure_path, so `sudo pip` is seen
#   /etc/pipwarden/config.yaml       the org policy (the preset), unless one is already there
#   pipwarden org apply              pip's own EXTERNALLY-MANAGED marker in each governed Python
#                                    (venv-only), /etc/pip.conf settings; re-run by the units
#                                    /etc/systemd/system/pipwarden-org-apply.{service,path,timer}
#                                    and the apt hook /etc/apt/apt.conf.d/80pipwarden-org-apply
# --uninstall keeps the org policy once someone edited it and the shared
# audit file (a record is worth keeping); --purge removes those too.
# Safe to run again. A user's own ./install.sh stays in front of it in their shells.
set -eu

MARK='# added by pipwarden install-system.sh'

say() { printf 'pipwarden install --system: %s\n' "$*"; }
die() {
  printf 'pipwarden install --system: error: %s\n' "$1" >&2
  [ $# -lt 2 ] || printf 'pipwarden install --system: next: %s\n' "$2" >&2
  exit 1
}

# How the user called us, for the "next:" lines and --help.
me=${PIPWARDEN_INSTALL_AS:-./install.sh}

usage() {
  cat <<EOF
usage: $me --system [options]       (as root; $me alone: for you)

Common to both:
  --yes, -y           no questions (for scripts)
  --uninstall         remove what the install put there; list what it kept
  --purge             with --uninstall: remove what it kept too
  --help, -h          this text

For every user:
  --preset NAMES      org policy for /etc/pipwarden/config.yaml, comma-separated
                      (default venv-only; also no-sudo-pip, no-user-site, …)
  --audit-file PATH   a shared audit file every user appends to but cannot rewrite
  --syslog            send audit records to syslog/journald too
  --prefix DIR        where pipwarden goes (default /usr/local)
EOF
}

repo=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)
prefix=/usr/local
preset=venv-only
audit_file=
syslog=0
uninstall=0
purge=0
# --packaged: the .deb's maintainer scripts. dpkg owns the package files, the
# command's link and /etc/pipwarden/config.yaml (a conffile), so this only
# makes (or removes) what is computed on the machine: the shims, the static
# init files and the shell and sudo hooks.
packaged=0
while [ $# -gt 0 ]; do
  case $1 in
    --system) ;;
    # Nothing here asks a question; a script passes --yes to either install.
    -y | --yes) ;;
    --preset)
      [ $# -ge 2 ] || die '--preset needs a name' './install.sh --system --preset venv-only'
      preset=$2
      shift
      ;;
    --preset=*) preset=${1#*=} ;;
    --audit-file)
      [ $# -ge 2 ] || die '--audit-file needs a path' './install.sh --system --audit-file /var/log/pipwarden/audit.log'
      audit_file=$2
      shift
      ;;
    --audit-file=*) audit_file=${1#*=} ;;
    --syslog) syslog=1 ;;
    --prefix)
      [ $# -ge 2 ] || die '--prefix needs a directory' './install.sh --system --prefix /opt/pipwarden'
      prefix=$2
      shift
      ;;
    --prefix=*) prefix=${1#*=} ;;
    --uninstall) uninstall=1 ;;
    --purge) purge=1 ;;
    --packaged) packaged=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "unknown option $1" "$me --system --help" ;;
  esac
  shift
done
[ "$purge" = 0 ] || [ "$uninstall" = 1 ] || die '--purge goes with --uninstall' "$me --system --uninstall --purge"
case $prefix in /*) ;; *) die "--prefix must be absolute, got $prefix" './install.sh --system --prefix /usr/local' ;; esac
case $audit_file in '' | /*) ;; *) die "--audit-file must be absolute, got $audit_file" './install.sh --system --audit-file /var/log/pipwarden/audit.log' ;; esac
[ "$(id -u)" = 0 ] || die 'a system-wide install writes to /etc and /usr/local, so it needs root' 'sudo ./install.sh --system'

lib=$prefix/lib/pipwarden
[ "$packaged" = 0 ] || lib=$repo
main=$lib/dist/cli/main.js
shims=$lib/shims
init=$lib/init
link=$prefix/bin/pipwarden
profile=/etc/profile.d/pipwarden.sh
bashrc=/etc/bash.bashrc
if [ -d /etc/zsh ]; then zshrc=/etc/zsh/zshrc; else zshrc=/etc/zshrc; fi
zshenv=$(dirname -- "$zshrc")/zshenv
fishconf=/etc/fish/conf.d/pipwarden.fish
sudoers=/etc/sudoers.d/pipwarden
orgdir=/etc/pipwarden
org=$orgdir/config.yaml
units=/etc/systemd/system
apt_hook=/etc/apt/apt.conf.d/80pipwarden-org-apply
# Directories (and empty files) this script made, so --uninstall removes exactly those.
made=$lib/made-dirs
pending=$(mktemp)
trap 'rm -f "$pending"' EXIT

# mkdir -p that remembers each directory it had to make.
make_dir() {
  [ -d "$1" ] && return 0
  make_dir "$(dirname -- "$1")"
  mkdir -m 755 "$1"
  echo "$1" >>"$pending"
}

# Drop our marked line from a shared rc file, in place (the file keeps its inode and mode).
remove_line() {
  [ -f "$1" ] && grep -qF "$MARK" "$1" || return 0
  tmp=$(mktemp)
  grep -vF "$MARK" "$1" >"$tmp" || :
  cat "$tmp" >"$1"
  rm -f "$tmp"
  say "removed the pipwarden line from $1"
}

add_line() {
  remove_line "$1"
  [ -f "$1" ] || return 0
  printf '%s %s\n' "$2" "$MARK" >>"$1"
  say "added a line to $1"
}

# The same, as the file's first line: ahead of an early return for
# non-interactive shells (Debian's /etc/bash.bashrc has one).
add_line_top() {
  remove_line "$1"
  [ -f "$1" ] || return 0
  tmp=$(mktemp)
  { printf '%s %s\n' "$2" "$MARK" && cat "$1"; } >"$tmp"
  cat "$tmp" >"$1"
  rm -f "$tmp"
  say "added a line at the top of $1"
}

# sudo's current secure_path, so ours only puts the shims in front of it.
secure_path() {
  sudo -V 2>/dev/null | sed -n "s/^Value to override user's \$PATH with: //p" | head -n 1
}

# The org config for the presets: `presets: [...]` where the package ships
# them as files (presets/<name>.yaml); the same effect spelled out otherwise.
org_config() {
  printf '%s (--preset %s). Your configuration management may replace this file.\n' "$MARK" "$preset"
  if [ -d "$repo/presets" ]; then
    for p in $(echo "$preset" | tr ',' ' '); do
      [ -f "$repo/presets/$p.yaml" ] || die "no preset named $p" "one of: $(cd "$repo/presets" && printf '%s ' *.yaml | sed 's/\.yaml//g')"
    done
    printf 'presets: [%s]\n' "$(echo "$preset" | sed 's/,/, /g')"
  else
    for p in $(echo "$preset" | tr ',' ' '); do
      case $p in
        venv-only) printf 'onNoEnv:\n  action: refuse\n  message: "This machine'"'"'s policy: install into a venv, conda or pixi env"\n' ;;
        no-sudo-pip) printf 'onSudo:\n  action: refuse\n  message: "This machine'"'"'s policy: no pip under sudo"\n' ;;
        *) die "preset $p needs the presets/ folder of a newer pipwarden" './install.sh --system --preset venv-only' ;;
      esac
    done
  fi
  if [ -n "$audit_file" ] || [ "$syslog" = 1 ]; then
    printf 'audit:\n'
    [ -z "$audit_file" ] || printf '  file: %s\n' "$audit_file"
    [ "$syslog" = 0 ] || printf '  syslog: true\n'
  fi
}

# Every user runs it: a copy root owns, out of any home directory.
copy_package() {
  make_dir "$lib"
  rm -rf "$lib/dist" "$lib/node_modules" "$lib/completions" "$lib/presets"
  cp -R "$repo/dist" "$repo/package.json" "$lib/"
  for d in completions presets; do [ ! -d "$repo/$d" ] || cp -R "$repo/$d" "$lib/"; done
  (cd "$repo" && npm ls --omit=dev --all --parseable 2>/dev/null) | grep /node_modules/ | while read -r dep; do
    to=$lib/${dep#"$repo"/}
    mkdir -p "$(dirname -- "$to")"
    cp -R "$dep" "$to"
  done
  [ -d "$lib/node_modules" ] || die "could not copy the runtime dependencies from $repo/node_modules" "cd $repo && npm ci"
  chmod -R a+rX "$lib"
  chmod 755 "$main"
  say "copied pipwarden to $lib"
}

# ---- org apply: the org policy at pip's own level (docs/organisations.md,
# "A backstop at pip's own level"). `pipwarden org apply` now, and again when
# a Python appears later: a systemd path unit on the PATH dirs, an hourly
# timer (a shared pyenv root), and an apt hook after every dpkg run.
org_units() {
  cat >"$units/pipwarden-org-apply.service" <<EOF
$MARK
[Unit]
Description=pipwarden org apply: pip's EXTERNALLY-MANAGED marker in each governed Python
ConditionPathExists=$org

[Service]
Type=oneshot
ExecStart=$link org apply
EOF
  cat >"$units/pipwarden-org-apply.path" <<EOF
$MARK
[Unit]
Description=pipwarden org apply when a Python appears on the system PATH

[Path]
PathChanged=/usr/local/bin
PathChanged=/usr/bin
Unit=pipwarden-org-apply.service

[Install]
WantedBy=paths.target
EOF
  cat >"$units/pipwarden-org-apply.timer" <<EOF
$MARK
[Unit]
Description=pipwarden org apply every hour (Pythons under a shared pyenv root)

[Timer]
OnBootSec=5min
OnUnitActiveSec=1h

[Install]
WantedBy=timers.target
EOF
  chmod 644 "$units"/pipwarden-org-apply.*
}

# The apt hook's marker line: apt.conf comments start with //.
apt_mark() { echo "$MARK" | sed 's|^#|//|'; }

org_apply() {
  "$node" "$main" org apply || say "warning: pipwarden org apply failed; pip's own backstop is not in place (next: $link org apply --check)"
  if command -v systemctl >/dev/null 2>&1 && [ -d "$units" ]; then
    org_units
    # Offline (no running systemd: a container, an image build) enable only makes the links.
    systemctl enable pipwarden-org-apply.path pipwarden-org-apply.timer >/dev/null 2>&1 || :
    if [ -d /run/systemd/system ]; then
      systemctl daemon-reload >/dev/null 2>&1 || :
      systemctl start pipwarden-org-apply.path pipwarden-org-apply.timer >/dev/null 2>&1 || :
    fi
    say "wrote $units/pipwarden-org-apply.{service,path,timer} (org apply again when a Python appears)"
  fi
  if [ -d "$(dirname -- "$apt_hook")" ]; then
    {
      apt_mark
      echo "// After each dpkg run (a new python3.X): pip's own backstop for it, docs/organisations.md."
      echo "DPkg::Post-Invoke { \"if [ -x $link ]; then $link org apply >/dev/null || true; fi\"; };"
    } >"$apt_hook"
    chmod 644 "$apt_hook"
    say "wrote $apt_hook"
  fi
}

org_unapply() {
  if [ -f "$main" ]; then
    "$node" "$main" org apply --undo || say "warning: pipwarden org apply --undo failed (next: $link org apply --check)"
  fi
  if [ -f "$units/pipwarden-org-apply.service" ] && grep -qF "$MARK" "$units/pipwarden-org-apply.service"; then
    if [ -d /run/systemd/system ]; then systemctl stop pipwarden-org-apply.path pipwarden-org-apply.timer >/dev/null 2>&1 || :; fi
    systemctl disable pipwarden-org-apply.path pipwarden-org-apply.timer >/dev/null 2>&1 || :
    rm -f "$units/pipwarden-org-apply.service" "$units/pipwarden-org-apply.path" "$units/pipwarden-org-apply.timer"
    say "removed $units/pipwarden-org-apply.{service,path,timer}"
  fi
  if [ -f "$apt_hook" ] && grep -qF "$(apt_mark)" "$apt_hook"; then
    rm -f "$apt_hook" && say "removed $apt_hook"
  fi
}
# ---- end org apply

do_install() {
  command -v node >/dev/null 2>&1 || die 'Node.js 20.5 or newer is needed' 'install Node.js for all users (e.g. apt install nodejs), then rerun'
  node=$(command -v node)
  [ -f "$repo/dist/cli/main.js" ] || die "$repo/dist/cli/main.js is missing" "cd $repo && npm ci && npm run build"
  if [ "$packaged" = 0 ]; then copy_package; fi

  # Shims for the system's pip and python (not root's pyenv): one dir for all users.
  env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/nonexistent PYENV_ROOT=/nonexistent "$node" "$main" rehash --dir "$shims"
  # Static init files: a new shell sources them without starting Node.
  mkdir -p "$init"
  for sh in bash zsh fish sh; do
    env -i PATH=/usr/bin:/bin HOME=/nonexistent PIPWARDEN_SHIM_DIR="$shims" "$node" "$main" init "$sh" >"$init/pipwarden.$sh"
  done
  chmod -R a+rX "$lib"

  if [ "$packaged" = 0 ]; then
    make_dir "$prefix/bin"
    ln -sfn "$main" "$link"
    say "linked $link -> $main"
  fi

  make_dir /etc/profile.d
  cat >"$profile" <<EOF
$MARK: pip goes through pipwarden's shims in login shells.
if [ -n "\${BASH_VERSION-}" ]; then
  if [ -r '$init/pipwarden.bash' ]; then . '$init/pipwarden.bash'; fi
elif [ -n "\${ZSH_VERSION-}" ]; then
  if [ -r '$init/pipwarden.zsh' ]; then . '$init/pipwarden.zsh'; fi
elif [ -r '$init/pipwarden.sh' ]; then
  . '$init/pipwarden.sh'
fi
EOF
  chmod 644 "$profile"
  say "wrote $profile"
  # Interactive shells that are not login shells read only these; bash
  # started by sshd for a command reads bash.bashrc too (Debian builds bash
  # with SSH_SOURCE_BASHRC), and every zsh, zsh -c included, reads zshenv.
  add_line_top "$bashrc" "if [ -r '$init/pipwarden.bash' ]; then . '$init/pipwarden.bash'; fi"
  if command -v zsh >/dev/null 2>&1 || [ -f "$zshrc" ]; then
    for f in "$zshenv" "$zshrc"; do
      [ -f "$f" ] || { make_dir "$(dirname -- "$f")" && : >"$f" && echo "$f" >>"$pending"; }
      add_line "$f" "if [ -r '$init/pipwarden.zsh' ]; then . '$init/pipwarden.zsh'; fi"
    done
  fi
  if command -v fish >/dev/null 2>&1 || [ -d /etc/fish ]; then
    make_dir "$(dirname -- "$fishconf")"
    printf '%s\nif test -r %s\n    source %s\nend\n' "$MARK" "'$init/pipwarden.fish'" "'$init/pipwarden.fish'" >"$fishconf"
    chmod 644 "$fishconf"
    say "wrote $fishconf"
  fi

  # sudo resets PATH to secure_path, which drops every user's shim dir.
  if command -v visudo >/dev/null 2>&1 && [ -d /etc/sudoers.d ]; then
    current=$(secure_path)
    [ -n "$current" ] || current=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    tmp=$(mktemp)
    printf '%s\nDefaults secure_path="%s:%s"\n' "$MARK" "$shims" "$current" >"$tmp"
    visudo -cqf "$tmp" || die "visudo rejected the drop-in for $sudoers" "report this; sudo pip is not routed through pipwarden"
    chmod 440 "$tmp"
    mv "$tmp" "$sudoers"
    say "wrote $sudoers (sudo's secure_path starts with $shims)"
  fi

  make_dir "$orgdir"
  if [ "$packaged" = 1 ]; then
    say "the org policy is $org (the package's conffile: edit it, an upgrade keeps your edits)"
  elif [ -f "$org" ] && ! grep -qF "$MARK" "$org"; then
    say "left $org alone: it is not ours (your policy stays; --preset not applied)"
  else
    org_config >"$org"
    chmod 644 "$org"
    say "wrote $org (preset $preset)"
  fi

  if [ -n "$audit_file" ]; then
    make_dir "$(dirname -- "$audit_file")"
    [ -f "$audit_file" ] || : >"$audit_file"
    # Anyone may write, no one else may read; chattr +a makes the kernel
    # refuse every write that is not an append (and truncation), even by the owner.
    chmod 622 "$audit_file"
    if chattr +a "$audit_file" 2>/dev/null; then
      say "made $audit_file append-only (chattr +a)"
    else
      say "warning: this filesystem has no append-only flag, so users could truncate $audit_file; put it on ext4, xfs or btrfs"
    fi
    echo "$audit_file" >"$lib/audit-file"
  fi
  cat "$pending" >>"$made"

  # ---- org apply (see org_apply above), once the org config is in place.
  org_apply

  say 'done. New shells of every user route pip through pipwarden; sudo pip too.'
}

do_uninstall() {
  # ---- org apply --undo (see org_unapply above), while pipwarden is still here.
  node=$(command -v node || echo node)
  org_unapply

  kept=
  # An --uninstall that kept files left its records in $orgdir, since $lib
  # went: a later --purge finds the audit file and the dirs made there.
  left=$orgdir/.pipwarden-left
  [ -f "$made" ] || [ ! -f "$left/made-dirs" ] || made=$left/made-dirs
  audit_record=$lib/audit-file
  [ -f "$audit_record" ] || audit_record=$left/audit-file
  if [ -f "$audit_record" ]; then
    f=$(cat "$audit_record")
    if [ "$purge" = 1 ]; then
      chattr -a "$f" 2>/dev/null || :
      rm -f "$f"
      say "removed the audit file $f"
    elif [ -e "$f" ]; then
      kept="$kept  $f (the shared audit file; still append-only)
"
    fi
  fi
  if [ "$packaged" = 1 ]; then
    : # dpkg keeps the conffile on remove and takes it on purge.
  elif [ -f "$org" ] && { [ "$purge" = 1 ] || grep -qF "$MARK" "$org"; }; then
    rm -f "$org" && say "removed $org"
  elif [ -f "$org" ]; then
    kept="$kept  $org (the org policy: someone edited it)
"
  fi
  for f in "$profile" "$fishconf" "$sudoers"; do
    if [ -f "$f" ] && grep -qF "$MARK" "$f"; then rm -f "$f" && say "removed $f"; fi
  done
  remove_line "$bashrc"
  remove_line "$zshrc"
  remove_line "$zshenv"
  if [ -L "$link" ] && [ "$(readlink "$link")" = "$main" ]; then rm -f "$link" && say "removed $link"; fi
  # Remove the files and dirs we made, newest first; a dir that is not empty now stays.
  dirs=
  [ ! -f "$made" ] || dirs=$(sed '1!G;h;$!d' "$made")
  if [ -n "$kept" ]; then
    mkdir -p "$left"
    [ "$made" = "$left/made-dirs" ] || [ ! -f "$made" ] || cp "$made" "$left/made-dirs"
    [ "$audit_record" = "$left/audit-file" ] || [ ! -f "$audit_record" ] || cp "$audit_record" "$left/audit-file"
  else
    rm -rf "$left"
  fi
  if [ "$packaged" = 1 ]; then
    # dpkg removes its own files; ours are what the set-up computed.
    rm -rf "$shims" "$init" "$made" "$lib/audit-file"
    say "removed $shims and $init"
  elif [ -d "$lib" ]; then
    rm -rf "$lib" && say "removed $lib"
  fi
  for d in $dirs; do
    if [ -f "$d" ] && [ ! -s "$d" ]; then rm -f "$d"; elif [ -d "$d" ]; then rmdir "$d" 2>/dev/null || :; fi
  done
  if [ -n "$kept" ]; then
    say "kept ($me --system --uninstall --purge removes them):"
    printf '%s' "$kept"
  fi
  # Each user's own files are theirs: this run as root does not walk homes.
  say 'each user keeps their own cache (~/.cache/pipwarden) and audit log (~/.local/state/pipwarden/audit.log, under XDG_CACHE_HOME and XDG_STATE_HOME when set); their own ./install.sh --uninstall --purge removes them'
  say 'done. Open a new shell.'
}

if [ "$uninstall" = 1 ]; then do_uninstall; else do_install; fi
