#!/bin/sh
# .pipwardenrc.json is a symlink to /dev/urandom.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
ln -s /dev/urandom .pipwardenrc.json
