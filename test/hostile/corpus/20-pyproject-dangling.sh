#!/bin/sh
# pyproject.toml is a dangling symlink.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
ln -s /nonexistent/pyproject.toml pyproject.toml
