#!/bin/sh
# cosmiconfig's meta config: .config/config.js and a package.json with a cosmiconfig key.
# lines: env=0 noenv=0
. "$(dirname "$0")/lib.sh"
mkdir -p .config
js_mark > .config/config.js
printf '{ "cosmiconfig": { "searchPlaces": ["evil.js"] } }\n' > package.json
js_mark > evil.js
