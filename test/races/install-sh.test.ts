import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { start } from '../helpers/start.js';
import { installMachine, MARK } from '../shell/support/install-machine.js';

const machine = () => installMachine('pipwarden-install-race-');

describe('races: two install.sh runs at once into one HOME', () => {
  it('both succeed, or one says it lost the lock; the result is one correct install', async () => {
    for (let round = 0; round < 3; round++) {
      const m = machine();
      const run = () => start(['sh', join(m.checkout, 'install.sh'), '--yes'], m.env, m.root);
      const results = await Promise.all([run(), run()]);
      for (const r of results) {
        if (r.code !== 0) {
          // The loser must say so in one clear line, with the next step.
          expect(r.stderr, r.stdout).toMatch(/another install\.sh is running/);
        }
        expect(r.stderr).not.toMatch(/internal error|Error:|at .*\.js:\d+/);
      }
      expect(results.some((r) => r.code === 0)).toBe(true);
      const link = join(m.home, '.local', 'bin', 'pipwarden');
      expect(readlinkSync(link)).toBe(join(m.checkout, 'dist', 'cli', 'main.js'));
      const shims = join(m.home, '.local', 'share', 'pipwarden', 'shims');
      expect(existsSync(join(shims, 'pip'))).toBe(true);
      expect(readFileSync(join(shims, 'pip'), 'utf8')).toMatch(/^#!\/bin\/sh\n/);
      // ~/.bashrc: a line at the top (non-interactive bash over ssh) and one at the end.
      for (const [rc, want] of [
        [join(m.home, '.bashrc'), 2],
        [join(m.home, '.zshrc'), 1],
        [join(m.home, '.zshenv'), 1],
      ] as const) {
        const lines = readFileSync(rc, 'utf8')
          .split('\n')
          .filter((l) => l.includes(MARK));
        expect({ rc, lines: lines.length }).toEqual({ rc, lines: want });
      }
    }
  });
});
