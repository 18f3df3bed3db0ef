import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_SPECS, synopsis } from '../../src/cli/command-specs.js';
import { pipwarden, ROOT } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { tempDir } from '../helpers/tmp.js';

const visible = COMMAND_SPECS.filter((s) => !s.hidden);

/** The README's command table: one synopsis per row, `\|` unescaped. */
function readmeSynopses(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/^\| `pipwarden ([^`]+)` \|/gm)].map((m) =>
    (m[1] as string).replace(/\\\|/g, '|'),
  );
}

describe('pipwarden --help', () => {
  it.each(visible.map((s) => [s.name, s] as const))(
    '%s --help lists its flags, exit 0',
    (name, spec) => {
      const env = hermeticEnv(tempDir());
      const r = pipwarden([...name.split(' '), '--help'], { env });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`usage: pipwarden ${synopsis(spec)}`);
      for (const f of spec.flags) expect(r.stdout).toContain(f.flag);
      expect(r.stderr).toBe('');
    },
  );

  it('the README lists the same commands and flags as --help', () => {
    const env = hermeticEnv(tempDir());
    const top = pipwarden(['--help'], { env });
    const inReadme = readmeSynopses();
    expect(inReadme.sort()).toEqual(visible.map((s) => synopsis(s)).sort());
    for (const s of inReadme) expect(top.stdout).toContain(s);
  });

  it('suggests the command or flag that was meant', () => {
    const env = hermeticEnv(tempDir());
    const cmd = pipwarden(['docter'], { env });
    expect(cmd.status).toBe(64);
    expect(cmd.stderr).toBe(
      'pipwarden: error: unknown command "docter"; did you mean "doctor"?\npipwarden: next: pipwarden doctor --help\n',
    );
    const flag = pipwarden(['explain', '--jsno', '--', 'pip', 'install', 'x'], { env });
    expect(flag.status).toBe(64);
    expect(flag.stderr).toContain('explain: unknown option --jsno; did you mean --json?');
    expect(pipwarden(['help', 'doctor'], { env }).stdout).toContain(
      'usage: pipwarden doctor [--json]',
    );
  });

  it('a --help after -- belongs to pip', () => {
    const env = hermeticEnv(tempDir());
    const r = pipwarden(['explain', '--', 'pip', '--help'], { env });
    expect(r.stdout).not.toContain('usage: pipwarden');
  });
});
