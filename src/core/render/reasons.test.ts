import { describe, expect, it } from 'vitest';
import type { Why } from '../reason.js';
import { condense, reasonText } from './reasons.js';

describe('reasonText', () => {
  it('writes a found-then-did reason from its parts', () => {
    const why: Why = {
      kind: 'found',
      found: { kind: 'not-writable', purelib: '/usr/lib/python3/site-packages' },
      did: { kind: 'venv', path: '/p/.venv', exists: false },
    };
    expect(reasonText(why)).toBe(
      '/usr/lib/python3/site-packages is not writable; installing into a new venv /p/.venv',
    );
  });

  it('names plain --user when no setting turned user mode on', () => {
    expect(reasonText({ kind: 'user-in-venv', prefix: '/v', from: null })).toBe(
      'user mode (--user) inside the venv /v',
    );
    const from = { kind: 'env', where: 'PIP_USER' } as const;
    expect(reasonText({ kind: 'user-ignored-in-venv', prefix: '/v', from })).toBe(
      'installing into the venv /v, not the user site: PIP_USER in the environment is ignored in a venv',
    );
  });

  it("condenses the distro's marker to its first paragraph, on one line", () => {
    expect(condense('To install\n  system-wide, use apt.\n\nMore text.')).toBe(
      'To install system-wide, use apt.',
    );
  });
});
