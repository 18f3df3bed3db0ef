#!/bin/sh
# .pipwardenrc.json is a symlink to /dev/urandom.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
ln -s /dev/urandom .pipwardenrc.json
