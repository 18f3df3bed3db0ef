import { describe, expect, it } from 'vitest';
import type { NextStep } from '../outcome.js';
import { activateCommand, stepsText, stepText } from './next-steps.js';

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

describe('stepText: every next step, in the words the shim prints', () => {
  it.each<[NextStep, string]>([
    [
      { kind: 'make-venv', python: 'python3' },
      'python3 -m venv .venv && . .venv/bin/activate, then run pip again',
    ],
    [
      { kind: 'make-venv', python: 'python3.12', drop: '--target /t' },
      'drop --target /t and python3.12 -m venv .venv && . .venv/bin/activate, then run pip again',
    ],
    [
      { kind: 'make-venv', python: 'python3', withoutSudo: true },
      'run without sudo inside a venv: python3 -m venv .venv && . .venv/bin/activate, then run pip again',
    ],
    [
      {
        kind: 'make-venv',
        python: 'python3',
        orSet: { key: 'onExternallyManaged', value: 'venv' },
      },
      'python3 -m venv .venv && . .venv/bin/activate, then run pip again; or set onExternallyManaged: venv',
    ],
    [{ kind: 'user-install' }, 'pip install --user'],
    [{ kind: 'drop-user' }, 'drop --user (or unset PIP_USER) to install into the venv'],
    [
      { kind: 'install-pip', env: '/c', manager: 'conda' },
      'conda install -p /c pip (then run pip again)',
    ],
    [{ kind: 'install-pip', env: '/x', manager: 'pixi' }, 'pixi add pip (then run pip again)'],
    [
      { kind: 'install-pip', env: '/v', manager: 'ensurepip' },
      '/v/bin/python -m ensurepip (then run pip again)',
    ],
    [
      { kind: 'create-venv', python: '/usr/bin/python3', path: '/p/.venv' },
      '/usr/bin/python3 -m venv /p/.venv, then run pip again',
    ],
    [
      { kind: 'rebuild-venv', python: '/usr/bin/python3', path: '/p/.venv' },
      'rm -rf /p/.venv && /usr/bin/python3 -m venv /p/.venv (on Debian/Ubuntu install python3-venv first), then run pip again',
    ],
    [
      { kind: 'approved-index', key: 'index-url', source: 'default', allowed: ['https://a/*'] },
      'name an approved index with --index-url (or index-url in pip.conf): https://a/*',
    ],
    [
      {
        kind: 'approved-index',
        key: 'index-url',
        source: { kind: 'file', where: '/etc/pip.conf', section: 'global' },
        allowed: ['https://a/*', 'https://b/*'],
      },
      'remove index-url from /etc/pip.conf [global] and use an approved index: https://a/*, https://b/*',
    ],
    [
      { kind: 'ask-admin', files: ['/etc/pipwarden/config.yaml'] },
      'the policy in /etc/pipwarden/config.yaml allows no install here; ask whoever manages this machine',
    ],
    [
      { kind: 'activate-venv', path: '/p/.venv', shell: '/usr/bin/fish' },
      'to use it in this shell: source /p/.venv/bin/activate.fish',
    ],
    [
      { kind: 'add-to-path', dir: '/h/.local/bin' },
      'scripts go to /h/.local/bin, which is NOT on PATH: export PATH="/h/.local/bin:$PATH"',
    ],
    [
      { kind: 'use-disposable-base', base: '/d/python3.12', python: 'python3' },
      'import from it with PYTHONUSERBASE=/d/python3.12 python3; remove it with pipwarden user clean',
    ],
  ])('%j', (step, want) => {
    expect(stepText(step)).toBe(want);
  });

  it('joins alternatives with ", or "', () => {
    expect(stepsText([{ kind: 'user-install' }, { kind: 'make-venv', python: 'python3' }])).toBe(
      'pip install --user, or python3 -m venv .venv && . .venv/bin/activate, then run pip again',
    );
  });
});
