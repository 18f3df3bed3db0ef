#!/bin/sh
# Directories that link to each other, and the cwd inside the cycle.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
mkdir -p real
ln -s ../b real/a
ln -s real/a b
ln -s . real/self
printf 'real/self/self/self\n' > .cwd
