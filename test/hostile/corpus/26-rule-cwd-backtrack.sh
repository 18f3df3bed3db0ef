#!/bin/sh
# A rule cwd glob of repeated **? that does not match.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
printf 'rules:\n  - when: { cwd: ["%s"] }\n    action: refuse\n' "$(adversarial 40)" > .pipwardenrc.yaml
