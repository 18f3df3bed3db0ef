#!/bin/sh
# .pipwardenrc.cjs that would run code.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
js_mark > .pipwardenrc.cjs
