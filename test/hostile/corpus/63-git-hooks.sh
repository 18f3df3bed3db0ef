#!/bin/sh
# .git hooks and a .envrc that would run code (pipwarden never runs them).
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
plant .git/hooks/post-checkout
plant .envrc
plant .pipwarden-hook
