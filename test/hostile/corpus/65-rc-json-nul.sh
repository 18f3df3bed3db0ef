#!/bin/sh
# .pipwardenrc.json with NUL bytes.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
printf '{"notices": \000true}\n' > .pipwardenrc.json
