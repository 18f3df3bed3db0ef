import { describe, expect, it } from 'vitest';
import { COMMANDS, commandChangesEnv } from './pip-commands.js';

describe('commandChangesEnv', () => {
  it.each([
    ['install', true],
    ['uninstall', true],
    // lock writes pylock.toml and installs nothing (LockCommand.run).
    ['lock', false],
    ['download', false],
    ['wheel', false],
    ['list', false],
    ['cache', false],
    ['config', false],
    ['instal', false],
    ['constructor', false],
    ['__proto__', false],
  ] as const)('%s → %s', (name, changes) => {
    expect(commandChangesEnv(name)).toBe(changes);
  });

  it('marks exactly install and uninstall among pip commands', () => {
    expect(Object.keys(COMMANDS).filter(commandChangesEnv).sort()).toEqual([
      'install',
      'uninstall',
    ]);
  });
});
