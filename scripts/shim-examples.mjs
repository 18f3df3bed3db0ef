// Writes shims/pip.sh and shims/python.sh, the rendered examples the docs and
// the lint test read, from the built renderer: `npm run build && node scripts/shim-examples.mjs`.
import { writeFileSync } from 'node:fs';
import { renderShim } from '../dist/core/render/shim.js';

const common = {
  shimDir: '/home/me/.local/share/pipwarden/shims',
  node: '/usr/bin/node',
  main: '/home/me/pipwarden/dist/cli/main.js',
  version: '0.1.0',
  cacheDir: '/home/me/.cache/pipwarden',
};
writeFileSync('shims/pip.sh', renderShim({ ...common, kind: 'pip', name: 'pip' }));
writeFileSync('shims/python.sh', renderShim({ ...common, kind: 'python', name: 'python3' }));
