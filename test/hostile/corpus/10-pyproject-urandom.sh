#!/bin/sh
# pyproject.toml is a symlink to /dev/urandom.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
ln -s /dev/urandom pyproject.toml
