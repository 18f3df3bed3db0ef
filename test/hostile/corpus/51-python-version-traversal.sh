#!/bin/sh
# .python-version names ../../ paths and a planted dir.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
printf '../../../tmp/evil\n..\nsystem\n' > .python-version
plant tmp/evil/bin/python
