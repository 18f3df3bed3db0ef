#!/bin/sh
# The same without pip: pipwarden would have used pip --python .venv/bin/python.
# lines: env=0 noenv=1
. "$(dirname "$0")/lib.sh"
venv_all
fake_venv
rm -rf .venv/lib/python3.11/site-packages/pip .venv/bin/pip
