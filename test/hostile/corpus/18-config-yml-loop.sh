#!/bin/sh
# pipwarden.config.yml is a symlink to itself.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
ln -s pipwarden.config.yml pipwarden.config.yml
