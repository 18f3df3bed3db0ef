#!/bin/sh
# A fake .venv and no pipwarden config at all.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
fake_venv
