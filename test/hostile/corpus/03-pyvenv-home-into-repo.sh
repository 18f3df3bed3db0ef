#!/bin/sh
# A real interpreter whose pyvenv.cfg home points at the repo's own stdlib.
# lines: env=0 noenv=1
. "$(dirname "$0")/lib.sh"
venv_all
mkdir -p .venv/bin
ln -s /usr/bin/python3 .venv/bin/python
printf 'home = %s/evil/bin\n' "$T" > .venv/pyvenv.cfg
mkdir -p evil/bin evil/lib/python3.11/encodings
: > evil/lib/python3.11/os.py
python_mark evil/lib/python3.11/encodings/__init__.py
