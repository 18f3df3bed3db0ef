#!/bin/sh
# A hostile parent tree above a clean child: the search reaches the parent.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
ln -s /dev/zero .pipwardenrc.json
mkdir -p child
printf '[project]\nname = "c"\n' > child/pyproject.toml
printf 'child\n' > .cwd
