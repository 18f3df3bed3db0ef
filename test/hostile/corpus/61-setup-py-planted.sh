#!/bin/sh
# A setup.py and setup.cfg that would run code (pip install x never reads them).
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
python_mark setup.py
printf '[metadata]\nname = x\n' > setup.cfg
