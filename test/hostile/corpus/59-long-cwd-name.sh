#!/bin/sh
# The cwd named with 255 characters.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
d=$(printf '%0255d' 0 | tr 0 a)
mkdir "$d"
printf '%s' "$d" > .cwd
