import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_SPECS } from '../../src/cli/command-specs.js';
import { ROOT } from '../helpers/cli.js';

const files = ['pipwarden.bash', '_pipwarden', 'pipwarden.fish'];
const visible = COMMAND_SPECS.filter((s) => !s.hidden);

// The completion scripts are hand-written per shell; this keeps them listing
// the same commands and flags as --help (command-specs.ts).
describe.each(files)('completions/%s', (file) => {
  const text = readFileSync(join(ROOT, 'completions', file), 'utf8');
  it.each(visible.map((s) => [s.name, s] as const))('knows %s and its flags', (name, spec) => {
    expect(text).toMatch(new RegExp(`\\b${name}\\b`));
    for (const f of spec.flags) {
      const flag = file.endsWith('.fish') ? `-l ${f.flag.slice(2)}` : f.flag;
      expect(text).toContain(flag);
    }
  });
});
