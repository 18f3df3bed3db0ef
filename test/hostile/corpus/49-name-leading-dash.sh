#!/bin/sh
# The cwd named -rf, beside files named --help and -e.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
mkdir -p -- -rf
: > ./--help
: > ./-e
plant ./-rf/--version
printf -- '-rf' > .cwd
