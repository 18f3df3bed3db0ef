#!/bin/sh
# The cwd and a config file named with newlines.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
d=$(printf 'we\nird')
mkdir -p "$d"
printf 'notices: true\n' > "$d/.pipwardenrc.yaml"
plant "$d/$(printf 'x\ny')"
printf '%s\n' "$d" | head -c -1 > .cwd
