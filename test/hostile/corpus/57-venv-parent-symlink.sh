#!/bin/sh
# venv.path is inside the tree lexically, but its parent links to /etc.
# lines: env=0 noenv=1
. "$(dirname "$0")/lib.sh"
pyproject 'onNoEnv = "venv"
onExternallyManaged = "venv"
[tool.pipwarden.venv]
path = "tools/env"'
ln -s /etc tools
