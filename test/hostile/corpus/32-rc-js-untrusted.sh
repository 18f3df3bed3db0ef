#!/bin/sh
# .pipwardenrc.js that would run code.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
js_mark > .pipwardenrc.js
