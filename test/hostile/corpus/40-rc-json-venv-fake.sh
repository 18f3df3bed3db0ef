#!/bin/sh
# .pipwardenrc.json asks for the venv action; a fake .venv.
# lines: env=0 noenv=1
. "$(dirname "$0")/lib.sh"
printf '{"onNoEnv": "venv", "onExternallyManaged": "venv"}\n' > .pipwardenrc.json
fake_venv
