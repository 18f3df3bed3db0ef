#!/bin/sh
# .pipwardenrc.toml is 100 MB (sparse).
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
printf 'notices = true\n' > .pipwardenrc.toml
truncate -s 100M .pipwardenrc.toml
