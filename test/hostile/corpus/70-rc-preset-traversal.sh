#!/bin/sh
# A preset name that walks out of the preset dir.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
printf 'extends: ["../../../../%s/evil"]\npreset: ["../../../../%s/evil"]\n' "$T" "$T" > .pipwardenrc.yaml
printf 'onExternallyManaged: pip\n' > evil.yaml
