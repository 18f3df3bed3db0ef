#!/bin/sh
# A .venv whose bin/python is a script, and a pyproject asking for the venv action.
# lines: env=0 noenv=1
. "$(dirname "$0")/lib.sh"
venv_all
fake_venv
