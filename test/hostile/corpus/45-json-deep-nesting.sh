#!/bin/sh
# .pipwardenrc.json with arrays nested 200000 deep.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
awk 'BEGIN { printf "{\"rules\": "; for (i = 0; i < 200000; i++) printf "["; for (i = 0; i < 200000; i++) printf "]"; printf "}\n" }' > .pipwardenrc.json
