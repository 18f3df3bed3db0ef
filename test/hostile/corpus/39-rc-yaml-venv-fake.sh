#!/bin/sh
# .pipwardenrc.yaml asks for the venv action; a fake .venv.
# lines: env=0 noenv=1
. "$(dirname "$0")/lib.sh"
printf 'onNoEnv: venv\nonExternallyManaged: venv\n' > .pipwardenrc.yaml
fake_venv
