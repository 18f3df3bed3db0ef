#!/bin/sh
# venv.path points outside the project (dropped: untrusted).
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
pyproject 'onExternallyManaged = "refuse"
[tool.pipwarden.venv]
path = "../../outside"'
