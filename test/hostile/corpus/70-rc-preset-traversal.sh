#!/bin/sh
# A preset name that walks out of the preset dir.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
printf 'presets: ["../../../../%s/evil"]\n' "$T" > .pipwardenrc.yaml
printf 'onExternallyManaged: pip\n' > evil.yaml
