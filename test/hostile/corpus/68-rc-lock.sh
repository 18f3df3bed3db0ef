#!/bin/sh
# A project config that tries to lock keys.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
printf 'lock: ["*"]\nnotices: true\n' > .pipwardenrc.yaml
