#!/bin/sh
# 10000 files in the tree.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
mkdir many
cd many
i=0
while [ "$i" -lt 10000 ]; do : > "f$i"; i=$((i + 1)); done
