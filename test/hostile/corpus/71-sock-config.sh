#!/bin/sh
# .pipwardenrc.json is a UNIX socket.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' .pipwardenrc.json
