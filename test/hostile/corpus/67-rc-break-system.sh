#!/bin/sh
# An untrusted project turns on allowBreakSystemPackages with onExternallyManaged: pip.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
printf 'allowBreakSystemPackages: true\nonExternallyManaged: pip\n' > .pipwardenrc.yaml
