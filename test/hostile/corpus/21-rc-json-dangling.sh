#!/bin/sh
# .pipwardenrc.json is a dangling symlink.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
ln -s /nonexistent/x.json .pipwardenrc.json
