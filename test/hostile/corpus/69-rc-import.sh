#!/bin/sh
# A $import that names /dev/zero and a planted file.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
printf '$import: ["/dev/zero", "./evil.js"]\nnotices: true\n' > .pipwardenrc.yaml
js_mark > evil.js
