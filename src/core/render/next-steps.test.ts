import { describe, expect, it } from 'vitest';
import { activateCommand } from './next-steps.js';

describe('activateCommand', () => {
  it.each([
    ['/bin/bash', '. /p/.venv/bin/activate'],
    ['/usr/bin/zsh', '. /p/.venv/bin/activate'],
    ['/usr/bin/fish', 'source /p/.venv/bin/activate.fish'],
    ['/bin/tcsh', 'source /p/.venv/bin/activate.csh'],
    ['', '. /p/.venv/bin/activate'],
  ])('%s: %s', (shell, want) => {
    expect(activateCommand('/p/.venv/', shell)).toBe(want);
  });

  it('quotes a path with a space', () => {
    expect(activateCommand('/my p/.venv', '/bin/bash')).toBe(". '/my p/.venv/bin/activate'");
  });
});
