import { describe, expect, it } from 'vitest';
import { factsOf, interpAt } from '../../../test/helpers/core-facts.js';
import { classifyCall } from '../call.js';
import { merge } from '../config/merge.js';
import type { Facts } from '../facts.js';
import { decide } from './decide.js';
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

describe('decide with a prompt: a question, then the answer as a value', () => {
  const sys = '/usr/local';
  const world = factsOf(interpAt(sys, 12, { userScriptsOnPath: true }), {
    disposableUserBase: '/d/python3.12',
  });
  const config = merge([
    { level: 'user', file: '/u.yaml', values: { onNoEnv: { action: 'prompt', message: null } } },
  ]);
  const call = classifyCall('pip', ['install', 'x']);
  if (call === null) throw new Error('pip is a call');

  it('asks which situation, with its offers, and runs nothing', () => {
    const d = decide(call, world, config);
    expect(d.action).toBe('ask');
    if (d.action !== 'ask') return;
    expect(d.situation).toBe('noEnv');
    expect(d.offers.map((o) => o.choice)).toEqual(['user', 'venv', 'disposable', 'cancel']);
    expect(d.dir).toBe('/p');
  });

  it.each([
    ['venv', 'rewrite', ['/p/.venv/bin/python', '-m', 'pip', 'install', 'x']],
    // The user site is the call as if typed with --user: pip runs it as is.
    ['user', 'pass', [`${sys}/bin/pip`, 'install', 'x', '--user']],
    ['disposable', 'rewrite', [`${sys}/bin/pip`, 'install', 'x', '--user']],
  ] as const)('the answer %s decides as the configured action would', (choice, action, command) => {
    const p = decide(call, world, config, {
      situation: 'noEnv',
      choice,
      how: 'remembered',
      dir: '/p',
      from: 'default',
    });
    expect(p.action).toBe(action);
    if (p.action === 'refuse') throw new Error('refused');
    expect(p.command).toEqual(command);
    // Said first: how the answer was got, when nobody was asked.
    expect(p.notices[0]?.text).toBe(`using your remembered answer for /p: ${choice}`);
    if (choice === 'disposable') expect(p.env.set.PYTHONUSERBASE).toBe('/d/python3.12');
  });

  it('an answer given on the terminal is not repeated back', () => {
    const p = decide(call, world, config, {
      situation: 'noEnv',
      choice: 'venv',
      how: 'asked',
      dir: '/p',
      from: 'default',
    });
    expect(p.notices.map((n) => n.text)).not.toContainEqual(expect.stringContaining('answer'));
  });
});
