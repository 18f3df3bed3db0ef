import { describe, expect, it } from 'vitest';
import type { Facts } from '../facts.js';
import { offersFor, withUser } from './prompt.js';

const facts = (enableUserSite: boolean) =>
  ({
    interpreter: { enableUserSite, userSite: '/home/u/.local/lib/python3.12/site-packages' },
  }) as unknown as Facts;

describe('offersFor', () => {
  it.each([
    ['notWritable', true, ['user', 'venv', 'disposable', 'cancel']],
    ['noEnv', true, ['user', 'venv', 'disposable', 'cancel']],
    // PEP 668 covers the user site too: pip refuses --user there.
    ['externallyManaged', true, ['venv', 'cancel']],
    // PYTHONNOUSERSITE / -s: no user site to offer.
    ['noEnv', false, ['venv', 'cancel']],
  ] as const)('%s (user site enabled: %s) offers %j', (id, enabled, want) => {
    expect(offersFor(id, facts(enabled), '/p/.venv').map((o) => o.choice)).toEqual(want);
  });

  it('names the venv path and the user site', () => {
    const labels = offersFor('noEnv', facts(true), '/p/.venv').map((o) => o.label);
    expect(labels).toContain('a venv: /p/.venv');
    expect(labels[0]).toContain('/home/u/.local/lib/python3.12/site-packages');
  });
});

describe('withUser', () => {
  it.each([
    [
      ['install', 'x'],
      ['install', 'x', '--user'],
    ],
    [
      ['-q', 'install', '-U', 'x'],
      ['-q', 'install', '-U', 'x', '--user'],
    ],
  ])('%j becomes %j', (args, want) => {
    const call = {
      kind: 'pip',
      tool: 'pip',
      name: 'pip',
      prefix: [],
      pipArgs: args,
      pythonFlags: { isolated: false, ignoreEnvironment: false, noUserSite: false },
    } as const;
    const out = withUser({
      ...call,
      prefix: [],
      pipArgs: [...args],
      pythonFlags: { ...call.pythonFlags },
    });
    expect(out.kind === 'pip' ? out.pipArgs : null).toEqual(want);
  });
});
