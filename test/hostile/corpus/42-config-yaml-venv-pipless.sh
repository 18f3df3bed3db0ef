#!/bin/sh
# pipwarden.config.yaml asks for the venv action; a fake pipless .venv.
# lines: env=0 noenv=1
. "$(dirname "$0")/lib.sh"
printf 'onExternallyManaged: venv\n' > pipwarden.config.yaml
fake_venv
rm -rf .venv/lib/python3.11/site-packages/pip .venv/bin/pip
