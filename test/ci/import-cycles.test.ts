import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../helpers/tmp.js';

const SCRIPT = resolve(import.meta.dirname, '../../.ci/import-cycles.mjs');

function tree(files: Record<string, string>): string {
  const root = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, 'src', name, '..'), { recursive: true });
    writeFileSync(join(root, 'src', name), text);
  }
  return root;
}

function check(root: string) {
  return spawnSync(process.execPath, [SCRIPT, 'src'], { cwd: root, encoding: 'utf8' });
}

describe('.ci/import-cycles.mjs', () => {
  test('fails on a cycle through type-only and dynamic imports, and names its files', () => {
    const root = tree({
      'a/one.ts': "import type { B } from '../b/two.js';\nexport type A = B;\n",
      'b/two.ts': "export type B = string;\nexport const load = () => import('./three.js');\n",
      'b/three.ts': "import type { A } from '../a/one.js';\nexport const x: A = '';\n",
      'c.ts': "import { x } from './b/three.js';\nexport const y = x;\n",
    });
    const r = check(root);
    expect(r.stdout).toContain('CYCLE: src/a/one.ts ↔ src/b/three.ts ↔ src/b/two.ts');
    expect(r.stdout).toContain('4 files, 1 import cycle(s)');
    expect(r.status).toBe(1);
  });

  test('passes a tree without cycles, tests left out', () => {
    const root = tree({
      'a.ts': "import { b } from './b.js';\nexport const a = b;\n",
      'b.ts': 'export const b = 1;\n',
      'b.test.ts': "import { a } from './a.js';\nimport { b } from './b.js';\n",
    });
    const r = check(root);
    expect(r.stdout).toContain('2 files, 0 import cycle(s)');
    expect(r.status).toBe(0);
  });
});
