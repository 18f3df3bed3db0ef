#!/bin/sh
# pipwarden.config.js that would run code, requiring a helper.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
js_mark > helper.js
echo "module.exports = require('./helper.js');" > pipwarden.config.js
