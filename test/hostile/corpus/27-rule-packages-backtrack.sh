#!/bin/sh
# A rule packages glob of repeated *? that does not match.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
printf 'rules:\n  - when: { packages: ["%s"] }\n    action: refuse\n' "$(adversarial 40 | tr -d /)" > .pipwardenrc.yaml
