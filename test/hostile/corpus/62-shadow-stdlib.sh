#!/bin/sh
# Modules that shadow the stdlib and pip in the cwd (json, sysconfig, site, pip).
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
python_mark json.py
python_mark sysconfig.py
python_mark sitecustomize.py
python_mark usercustomize.py
python_mark pip/__init__.py
python_mark pip/__main__.py
python_mark _pipwarden_probe.py
