#!/bin/sh
# pipwarden.config.yml is a symlink to itself.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
ln -s pipwarden.config.yml pipwarden.config.yml
