#!/bin/sh
# A fake .venv whose pip.conf is /dev/zero; the venv action.
# lines: env=0 noenv=1
. "$(dirname "$0")/lib.sh"
venv_all
fake_venv
ln -s /dev/zero .venv/pip.conf
