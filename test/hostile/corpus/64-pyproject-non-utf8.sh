#!/bin/sh
# pyproject.toml with [tool.pipwarden] and bytes that are not UTF-8.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
printf '[tool.pipwarden]\nnotices = true\n# \377\376\n' > pyproject.toml
