#!/bin/sh
# A rule indexNotIn glob of repeated **?.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
printf 'rules:\n  - when: { indexNotIn: ["https:%s"] }\n    action: refuse\n' "$(adversarial 40)" > .pipwardenrc.yaml
