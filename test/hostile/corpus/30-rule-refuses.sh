#!/bin/sh
# A project rule that refuses the package (a project may add refusals).
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
printf 'rules:\n  - when: { packages: ["pwdemo"] }\n    action: refuse\n    message: "this repo forbids pwdemo"\n' > .pipwardenrc.yaml
