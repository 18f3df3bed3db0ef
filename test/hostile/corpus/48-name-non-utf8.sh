#!/bin/sh
# The cwd named with bytes that are not UTF-8.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
d=$(printf 'bad\377\376')
mkdir -p "$d"
printf 'notices: true\n' > "$d/.pipwardenrc.yaml"
printf '%s' "$d" > .cwd
