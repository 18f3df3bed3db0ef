# Sourced by every tree script: `sh NN-name.sh TREE MARKS`.
# TREE is an empty directory to build in; MARKS is where every executable a
# tree plants leaves a file when it runs (the corpus counts those).
# A tree may write TREE/.cwd (a path relative to TREE) to be called from there.
set -eu
T=$1
MARKS=$2
NAME=$(basename "$0" .sh)
cd "$T"

# plant PATH: an executable that leaves $MARKS/<tree>-<path> when run.
plant() {
  mkdir -p "$(dirname "$1")"
  printf '#!/bin/sh\necho "$0 $*" >> %s/%s-%s\nexit 0\n' "$MARKS" "$NAME" "$(printf %s "$1" | tr / _)" > "$1"
  chmod 755 "$1"
}

# python_mark PATH: Python code that leaves a mark when imported or run.
python_mark() {
  mkdir -p "$(dirname "$1")"
  printf 'open(%s, "a").write("ran\\n")\n' "'$MARKS/$NAME-$(printf %s "$1" | tr / _)'" > "$1"
}

# js_mark: JavaScript that leaves a mark when run.
js_mark() {
  printf "require('node:fs').appendFileSync('%s/%s-js', 'ran');\n" "$MARKS" "$NAME"
}

pyproject() {
  printf '[project]\nname = "hostile"\nversion = "0"\n[tool.pipwarden]\n%s\n' "$1" > pyproject.toml
}

# The venv action wherever pip would install outside an env.
venv_all() {
  pyproject 'onNoEnv = "venv"
onExternallyManaged = "venv"'
}

# fake_venv [DIR]: what a repository can ship as .venv: scripts for python and pip.
fake_venv() {
  d=${1:-.venv}
  mkdir -p "$d/bin" "$d/lib/python3.11/site-packages/pip"
  printf 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n' > "$d/pyvenv.cfg"
  plant "$d/bin/python"
  plant "$d/bin/python3"
  plant "$d/bin/python3.11"
  plant "$d/bin/pip"
  : > "$d/lib/python3.11/site-packages/pip/__init__.py"
}

# adversarial GLOB: `/**?` repeated, which backtracked exponentially as a RegExp.
adversarial() {
  g=/
  i=0
  while [ "$i" -lt "$1" ]; do g="$g**?"; i=$((i + 1)); done
  printf '%sx' "$g"
}
