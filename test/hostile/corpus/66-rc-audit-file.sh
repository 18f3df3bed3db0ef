#!/bin/sh
# An untrusted project names an audit file and turns the log off.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
printf 'audit:\n  log: false\n  file: %s/planted-audit.log\n' "$T" > .pipwardenrc.yaml
