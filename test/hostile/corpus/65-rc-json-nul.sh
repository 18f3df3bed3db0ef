#!/bin/sh
# .pipwardenrc.json with NUL bytes.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
printf '{"notices": \000true}\n' > .pipwardenrc.json
