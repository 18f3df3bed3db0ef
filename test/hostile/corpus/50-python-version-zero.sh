#!/bin/sh
# .python-version is a symlink to /dev/zero.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
ln -s /dev/zero .python-version
