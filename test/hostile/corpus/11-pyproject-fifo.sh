#!/bin/sh
# pyproject.toml is a FIFO nobody writes to.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
mkfifo pyproject.toml
