#!/bin/sh
# pipwarden.config.js that would run code, requiring a helper.
# lines: env=1 noenv=1
. "$(dirname "$0")/lib.sh"
js_mark > helper.js
echo "module.exports = require('./helper.js');" > pipwarden.config.js
