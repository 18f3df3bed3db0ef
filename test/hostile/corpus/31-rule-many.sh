#!/bin/sh
# 5000 rules with adversarial globs.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
{
  echo 'rules:'
  i=0
  while [ "$i" -lt 5000 ]; do printf '  - when: { cwd: ["/**?**?**?**?**?**?**?**?q%s"] }\n    action: refuse\n' "$i"; i=$((i + 1)); done
} > .pipwardenrc.yaml
