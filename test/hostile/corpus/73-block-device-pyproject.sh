#!/bin/sh
# pyproject.toml links to a block device. Nobody may not open a block device: to nobody the file is absent.
# lines: env=1 noenv=1
# nobody: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
b=$(find /dev -maxdepth 1 -type b | head -n 1)
ln -s "${b:-/dev/loop0}" pyproject.toml
