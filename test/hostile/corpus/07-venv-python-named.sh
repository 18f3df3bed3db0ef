#!/bin/sh
# venv.python names a planted program (dropped: untrusted).
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
pyproject 'onExternallyManaged = "refuse"
[tool.pipwarden.venv]
python = "./tools/py"'
plant tools/py
