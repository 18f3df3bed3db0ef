#!/bin/sh
# venv.path names a fake venv inside the tree.
# lines: env=0 noenv=1
. "$(dirname "$0")/lib.sh"
pyproject 'onNoEnv = "venv"
onExternallyManaged = "venv"
[tool.pipwarden.venv]
path = "tools/env"'
fake_venv tools/env
