#!/bin/sh
# pyproject.toml is a directory.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
mkdir pyproject.toml
