#!/bin/sh
# A broken package.json beside a valid .pipwardenrc.yaml.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
printf '{ "cosmiconfig": [' > package.json
printf 'notices: true\n' > .pipwardenrc.yaml
