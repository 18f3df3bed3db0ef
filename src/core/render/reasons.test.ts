import { describe, expect, it } from 'vitest';
import type { Why } from '../reason.js';
import { stepText } from './next-steps.js';
import { condense, importOverrideText, reasonText } from './reasons.js';
import { locationText } from './source-text.js';

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

describe('an explicit location in words (src/core/location.ts)', () => {
  const argv = {
    kind: 'prefix',
    value: '/usr/local',
    source: { kind: 'argv', where: '--prefix /usr/local' },
  } as const;
  const env = { kind: 'target', value: 'x', source: { kind: 'env', where: 'PIP_TARGET' } } as const;
  const file = {
    kind: 'root',
    value: '/r',
    source: { kind: 'file', where: '/etc/pip.conf', section: 'install' },
  } as const;

  it.each([
    [argv, '--prefix /usr/local'],
    [env, 'target = x (PIP_TARGET in the environment)'],
    [file, 'root = /r (/etc/pip.conf [install])'],
  ])('%o', (location, want) => {
    expect(locationText(location)).toBe(want);
  });

  it('is the same words in a reason and in a next step that drops it', () => {
    expect(reasonText({ kind: 'explicit-location', location: env })).toBe(
      'the install location is explicit (target = x (PIP_TARGET in the environment))',
    );
    const rule = { name: 'no-prefix', file: '/etc/pipwarden/config.yaml' };
    expect(reasonText({ kind: 'rule-location', rule, location: argv })).toBe(
      '--prefix /usr/local: an explicit install location, refused by rule "no-prefix" in /etc/pipwarden/config.yaml',
    );
    expect(stepText({ kind: 'make-venv', python: 'python3', drop: env })).toBe(
      'drop target = x (PIP_TARGET in the environment) and python3 -m venv .venv && . .venv/bin/activate, then run pip again',
    );
  });
});

describe("what puts another pip in python's way, in words (src/core/import-override.ts)", () => {
  it.each([
    [{ kind: 'first-dir', dir: '/p' }, '/p holds a pip that python imports first'],
    [
      { kind: 'pythonpath', entry: 'site312', archive: false },
      'PYTHONPATH names site312, which holds a pip',
    ],
    [
      { kind: 'pythonpath', entry: '/x/pip.zip', archive: true },
      'PYTHONPATH names /x/pip.zip, an archive python imports from',
    ],
    [{ kind: 'pythonhome', home: '/opt/py' }, 'PYTHONHOME=/opt/py (another prefix)'],
    [{ kind: 'userbase', base: '/u' }, 'PYTHONUSERBASE=/u holds a pip'],
  ] as const)('%o', (found, want) => {
    expect(importOverrideText(found)).toBe(want);
  });

  it('the unseen-pip reason joins them after -S', () => {
    const overrides = [{ kind: 'pythonhome', home: '/opt/py' }] as const;
    expect(
      reasonText({
        kind: 'unseen-pip',
        noSite: false,
        overrides: [...overrides],
        lock: '/etc/o.yaml',
      }),
    ).toBe(
      'PYTHONHOME=/opt/py (another prefix): pipwarden cannot check this pip against the policy locked by /etc/o.yaml',
    );
  });
});
