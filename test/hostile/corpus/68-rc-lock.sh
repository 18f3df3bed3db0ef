#!/bin/sh
# A project config that tries to lock keys.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
printf 'lock: ["*"]\nnotices: true\n' > .pipwardenrc.yaml
