#!/bin/sh
# A YAML billion-laughs of aliases.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
{
  echo 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'
  prev=a
  for n in b c d e f g h i; do echo "$n: &$n [*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev]"; prev=$n; done
  echo "rules: [{ when: { packages: *$prev }, action: refuse }]"
} > .pipwardenrc.yaml
