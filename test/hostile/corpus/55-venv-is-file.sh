#!/bin/sh
# .venv is a regular file; the venv action.
# lines: env=0 noenv=1
. "$(dirname "$0")/lib.sh"
venv_all
printf 'not a venv\n' > .venv
