#!/bin/sh
# .pipwardenrc.ts that would run code.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
printf "import { appendFileSync } from 'node:fs';\nappendFileSync('%s/%s-ts', 'ran');\nexport default {};\n" "$MARKS" "$NAME" > .pipwardenrc.ts
