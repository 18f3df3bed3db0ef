#!/bin/sh
# The prompt hook's cost (issue 18 item 7): CPU time (user+sys, so a busy
# machine does not inflate it) of N hook runs with PATH changed before each,
# and N with PATH unchanged, in bash, bash 3.2, zsh and fish. PATH has 20
# dirs: the shim dir, 16 small dirs, an active venv's bin, /usr/bin and /bin.
# A shell started the same way with 0 runs is subtracted.
#   npm run build && sh bench/follow-hook.sh [N]
set -eu
N=${1:-500}
here=$(cd "$(dirname "$0")/.." && pwd)
py=$(ls -d /root/.pyenv/versions/3.12*/bin/python3.12 2>/dev/null | head -n1)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
mkdir "$t/base" "$t/home"
ln -s "$py" "$t/base/python3"
"$py" -m venv --without-pip "$t/venv"
p=$t/shims
i=1
while [ $i -le 16 ]; do mkdir "$t/d$i"; : >"$t/d$i/tool$i"; p=$p:$t/d$i; i=$((i + 1)); done
p=$p:$t/venv/bin:/usr/bin:/bin
run() { env -i HOME="$t/home" PIPWARDEN_SHIM_DIR="$t/shims" PATH="$t/base:/usr/bin:/bin" "$@"; }
run node "$here/dist/cli/main.js" rehash >/dev/null
for s in bash zsh fish; do run node "$here/dist/cli/main.js" init $s >"$t/init.$s"; done
# Follow once, so each timed run is the steady state (the follow dirs exist).
cpu() {
  /usr/bin/time -f '%U %S' env -i HOME="$t/home" PIPWARDEN_SHIM_DIR="$t/shims" PATH="$t/base:/usr/bin:/bin" "$@" 2>&1 >/dev/null |
    tail -n1 | awk '{ print $1 + $2 }'
}
body_sh() { # $1: runs, $2: 1 to change PATH before each
  printf '. %s\nPATH=%s\n__pipwarden_path\ni=0\nwhile [ $i -lt %s ]; do\n' "$t/init.$3" "$p" "$1"
  [ "$2" = 1 ] && printf '  __pipwarden_seen=\n'
  printf '  __pipwarden_path\n  i=$((i + 1))\ndone\n'
}
body_fish() {
  printf 'source %s\nset -gx PATH %s\n__pipwarden_path\nfor i in (seq %s)\n' "$t/init.fish" "$(echo "$p" | tr ':' ' ')" "$1"
  [ "$2" = 1 ] && printf '  set -g __pipwarden_seen\n'
  printf '  __pipwarden_path\nend\n'
}
bash32=${CI_BASH32_DIR:-$HOME/.cache/pipwarden-ci/bash-3.2}/bash
for shell in bash bash32 zsh fish; do
  case $shell in
    bash32) [ -x "$bash32" ] || continue; bin=$bash32; init=bash ;;
    zsh) bin=zsh; init=zsh ;;
    *) bin=$shell; init=$shell ;;
  esac
  for mode in 0 1; do
    for n in 0 "$N"; do
      if [ "$shell" = fish ]; then body_fish "$n" "$mode" >"$t/b"; else body_sh "$n" "$mode" "$init" >"$t/b"; fi
      if [ "$shell" = zsh ]; then set -- "$bin" -f "$t/b"; elif [ "$shell" = fish ]; then set -- fish --no-config "$t/b"; else set -- "$bin" "$t/b"; fi
      eval "c$n=\$(cpu \"\$@\")"
    done
    # shellcheck disable=SC2154 # c0 and cN are set by the eval above
    per=$(awk -v a="$c0" -v b="$(eval echo "\$c$N")" -v n="$N" 'BEGIN { printf "%.3f", (b - a) * 1000 / n }')
    echo "$shell: PATH $([ $mode = 1 ] && echo changed || echo unchanged): $per ms CPU per prompt"
  done
done
