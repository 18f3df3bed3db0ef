#!/bin/sh
# venv.python names a planted program (dropped: untrusted).
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
pyproject 'notices = true
[tool.pipwarden.venv]
python = "./tools/py"'
plant tools/py
