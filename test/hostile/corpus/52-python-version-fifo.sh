#!/bin/sh
# .python-version is a FIFO.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
mkfifo .python-version
