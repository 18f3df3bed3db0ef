#!/bin/sh
# Nested {a,*} alternatives, repeated.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
g=/
i=0
while [ "$i" -lt 60 ]; do g="$g{{a,*},?}"; i=$((i + 1)); done
printf 'rules:\n  - when: { cwd: ["%sz"] }\n    action: refuse\n' "$g" > .pipwardenrc.yaml
