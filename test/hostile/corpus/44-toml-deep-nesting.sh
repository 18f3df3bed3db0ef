#!/bin/sh
# pyproject.toml with arrays nested 50000 deep.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
{
  printf '[tool.pipwarden]\nx = '
  i=0
  while [ "$i" -lt 50000 ]; do printf '['; i=$((i + 1)); done
} > pyproject.toml
