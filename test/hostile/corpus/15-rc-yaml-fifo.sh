#!/bin/sh
# .pipwardenrc.yaml is a FIFO.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
mkfifo .pipwardenrc.yaml
