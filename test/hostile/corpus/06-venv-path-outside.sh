#!/bin/sh
# venv.path points outside the project (dropped: untrusted).
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
pyproject 'notices = true
[tool.pipwarden.venv]
path = "../../outside"'
