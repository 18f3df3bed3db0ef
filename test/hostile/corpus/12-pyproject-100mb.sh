#!/bin/sh
# pyproject.toml mentions pipwarden and is 100 MB (sparse).
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
printf '[tool.pipwarden]\nnotices = true\n' > pyproject.toml
truncate -s 100M pyproject.toml
