#!/bin/sh
# The cwd 400 directories deep, a config at the top.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
pyproject 'notices = true'
d=.
i=0
while [ "$i" -lt 400 ]; do d="$d/d"; i=$((i + 1)); done
mkdir -p "$d"
printf '%s\n' "$d" > .cwd
