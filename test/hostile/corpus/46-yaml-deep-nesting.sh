#!/bin/sh
# .pipwardenrc.yaml with flow sequences nested 100000 deep.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
awk 'BEGIN { printf "rules: "; for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; printf "\n" }' > .pipwardenrc.yaml
