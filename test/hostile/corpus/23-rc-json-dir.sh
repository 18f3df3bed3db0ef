#!/bin/sh
# .pipwardenrc.json is a directory.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
mkdir .pipwardenrc.json
