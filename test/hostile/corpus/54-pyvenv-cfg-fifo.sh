#!/bin/sh
# .venv/pyvenv.cfg is a FIFO; the venv action.
# lines: env=0 noenv=1
. "$(dirname "$0")/lib.sh"
venv_all
mkdir -p .venv/bin
mkfifo .venv/pyvenv.cfg
plant .venv/bin/python
