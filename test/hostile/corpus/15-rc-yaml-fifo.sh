#!/bin/sh
# .pipwardenrc.yaml is a FIFO.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
mkfifo .pipwardenrc.yaml
