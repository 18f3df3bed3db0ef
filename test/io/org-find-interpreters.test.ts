import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKSTOP } from '../../src/core/config/validate-backstop.js';
import { findInterpreters } from '../../src/io/org/find-interpreters.js';
import { tempDir } from '../helpers/tmp.js';

// org apply runs as root and runs each governed interpreter to ask for its
// stdlib dir: only a binary that root alone could have put there is run
// (docs/security.md, "pip's own backstop").
describe.skipIf(process.getuid?.() !== 0)(
  'findInterpreters never runs what others could plant',
  () => {
    it.each([
      ['owned by nobody', 65534, join('/tmp')],
      ['root-owned, under a dir everyone may write (/tmp)', 0, '/tmp'],
    ])('%s: reported as unsafe, never run', (_what, uid) => {
      const dir = tempDir('pipwarden-org-find-');
      const bin = join(dir, 'bin');
      mkdirSync(bin);
      const mark = join(dir, 'ran');
      const python = join(bin, 'python3.12');
      writeFileSync(python, `#!/bin/sh\ntouch ${mark}\necho /usr/lib/python3.12\n`, {
        mode: 0o755,
      });
      chownSync(python, uid, uid);
      chmodSync(dir, 0o755);
      const found = findInterpreters({ ...DEFAULT_BACKSTOP, dirs: [bin] });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ kind: 'unsafe', paths: [python], stdlib: null });
      expect(found[0]?.problem?.detail).toMatch(
        uid === 0 ? /writable by everyone/ : /owned by uid 65534/,
      );
      expect(existsSync(mark)).toBe(false);
    });

    it('names that are not python, python3 or python3.X are not governed', () => {
      const dir = tempDir('pipwarden-org-find-');
      for (const name of ['python3-config', 'python3.12-coverage', 'pythonw', 'python3.12m']) {
        writeFileSync(join(dir, name), '#!/bin/sh\n', { mode: 0o755 });
      }
      expect(findInterpreters({ ...DEFAULT_BACKSTOP, dirs: [dir] })).toEqual([]);
    });
  },
);
