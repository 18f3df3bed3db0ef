#!/bin/sh
# A real interpreter, and a .pth in the repo venv that runs at startup.
# lines: env=0 noenv=1
. "$(dirname "$0")/lib.sh"
venv_all
mkdir -p .venv/bin .venv/lib/python3.11/site-packages/pip
ln -s /usr/bin/python3 .venv/bin/python
printf 'home = /usr/bin\ninclude-system-site-packages = false\n' > .venv/pyvenv.cfg
printf 'import os; open("%s/%s-pth", "a")\n' "$MARKS" "$NAME" > .venv/lib/python3.11/site-packages/zz.pth
: > .venv/lib/python3.11/site-packages/pip/__init__.py
