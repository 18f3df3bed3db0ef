#!/bin/sh
# pyproject.toml is a FIFO nobody writes to.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
mkfifo pyproject.toml
