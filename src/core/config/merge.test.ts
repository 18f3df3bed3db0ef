import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from './keys.js';
import { DEFAULT_CONFIG, merge } from './merge.js';
import { type ConfigLayer, SITUATION_IDS, SITUATIONS } from './types.js';

const ORG = '/etc/pipwarden/config.yaml';
const USER = '/home/ada/.config/pipwarden/config.toml';
const PROJECT = '/home/ada/p/pyproject.toml';

describe('DEFAULT_CONFIG', () => {
  it('takes every situation default from SITUATIONS', () => {
    for (const id of SITUATION_IDS) {
      const { key, default: action } = SITUATIONS[id];
      expect(DEFAULT_CONFIG[key]).toEqual({ action, message: null });
    }
  });

  it('matches the @default tags in types.ts', () => {
    expect(DEFAULT_CONFIG).toMatchObject({
      condaBase: false,
      allowBreakSystemPackages: false,
      notices: true,
      venv: { path: '.venv', create: true, python: null },
    });
  });

  it('cannot be changed by accident', () => {
    expect(() => {
      (DEFAULT_CONFIG.venv as { path: string }).path = 'x';
    }).toThrow(TypeError);
  });
});

describe('merge', () => {
  it('with no layers gives the defaults, every key sourced (default)', () => {
    const resolved = merge([]);
    expect(resolved.config).toEqual(DEFAULT_CONFIG);
    expect(Object.keys(resolved.sources).sort()).toEqual([...CONFIG_KEYS].sort());
    for (const key of CONFIG_KEYS) {
      expect(resolved.sources[key]).toEqual({ level: 'default', file: '(default)' });
    }
  });

  const org: ConfigLayer = {
    level: 'org',
    file: ORG,
    values: {
      onNoEnv: { action: 'refuse', message: 'Use a venv' },
      onNotWritable: { action: 'refuse', message: null },
      venv: { path: '/opt/venvs/default', python: 'python3.12' },
    },
  };
  const user: ConfigLayer = {
    level: 'user',
    file: USER,
    values: { onNoEnv: { action: 'venv', message: null }, notices: false, venv: { python: null } },
  };
  const project: ConfigLayer = {
    level: 'project',
    file: PROJECT,
    values: { notices: true, venv: { create: false } },
  };

  const cases: [string, ConfigLayer[], Record<string, [unknown, string]>][] = [
    [
      'org only',
      [org],
      {
        onNoEnv: [{ action: 'refuse', message: 'Use a venv' }, ORG],
        onNotWritable: [{ action: 'refuse', message: null }, ORG],
        'venv.path': ['/opt/venvs/default', ORG],
        'venv.python': ['python3.12', ORG],
        'venv.create': [true, '(default)'],
        notices: [true, '(default)'],
      },
    ],
    [
      'a later rule replaces the whole rule, message included',
      [org, user],
      {
        onNoEnv: [{ action: 'venv', message: null }, USER],
        onNotWritable: [{ action: 'refuse', message: null }, ORG],
        notices: [false, USER],
      },
    ],
    [
      'venv keys merge one by one; null overrides a string',
      [org, user, project],
      {
        'venv.path': ['/opt/venvs/default', ORG],
        'venv.python': [null, USER],
        'venv.create': [false, PROJECT],
        notices: [true, PROJECT],
      },
    ],
    [
      'order given wins, not level',
      [project, user],
      { notices: [false, USER], 'venv.create': [false, PROJECT] },
    ],
  ];
  it.each(cases)('%s', (_name, layers, expected) => {
    const resolved = merge(layers);
    const flat: Record<string, unknown> = {
      ...resolved.config,
      'venv.path': resolved.config.venv.path,
      'venv.create': resolved.config.venv.create,
      'venv.python': resolved.config.venv.python,
    };
    for (const [key, [value, file]] of Object.entries(expected)) {
      expect(flat[key], key).toEqual(value);
      expect(resolved.sources[key]?.file, key).toBe(file);
    }
    expect(resolved.layers).toEqual(layers);
  });

  it('records the level with the file', () => {
    expect(merge([org, user, project]).sources).toMatchObject({
      onNotWritable: { level: 'org', file: ORG },
      onNoEnv: { level: 'user', file: USER },
      'venv.create': { level: 'project', file: PROJECT },
      onSudo: { level: 'default', file: '(default)' },
    });
  });

  it('does not share objects with its layers or the defaults', () => {
    const resolved = merge([org]);
    resolved.config.onNoEnv.message = 'changed';
    resolved.config.onSudo.action = 'refuse';
    expect(org.values.onNoEnv?.message).toBe('Use a venv');
    expect(DEFAULT_CONFIG.onSudo.action).toBe('pip');
  });
});

describe('merge: org locks', () => {
  const org = (values: ConfigLayer['values'], locks: string[]): ConfigLayer => ({
    level: 'org',
    file: '/etc/pipwarden/config.yaml',
    values,
    locks,
  });
  const layer = (level: ConfigLayer['level'], file: string, values: ConfigLayer['values']) =>
    ({ level, file, values }) as ConfigLayer;
  const cases: [string, string[], ConfigLayer, string, boolean][] = [
    [
      'a locked key',
      ['onNoEnv'],
      layer('user', '/u.yaml', { onNoEnv: { action: 'pip', message: null } }),
      'onNoEnv',
      true,
    ],
    [
      'a locked section',
      ['venv'],
      layer('project', '/p.toml', { venv: { python: './tools/py' } }),
      'venv.python',
      true,
    ],
    ['everything', ['*'], layer('env', '$PIPWARDEN_NOTICES', { notices: false }), 'notices', true],
    [
      'another key',
      ['onNoEnv'],
      layer('flag', '--set notices=0', { notices: false }),
      'notices',
      false,
    ],
  ];
  it.each(cases)('%s', (_name, locks, later, key, held) => {
    const r = merge([org({ onNoEnv: { action: 'refuse', message: null } }, locks), later]);
    expect(r.sources[key]?.level).toBe(
      held ? (key === 'onNoEnv' ? 'org' : 'default') : later.level,
    );
    expect(r.blocked.length).toBe(held ? 1 : 0);
    if (held) expect(r.blocked[0]).toContain(`${key}: locked by /etc/pipwarden/config.yaml`);
  });

  it('the same value is no attempt to loosen', () => {
    const r = merge([
      org({ onNoEnv: { action: 'refuse', message: null } }, ['onNoEnv']),
      layer('user', '/u.yaml', { onNoEnv: { action: 'refuse', message: null } }),
    ]);
    expect(r.blocked).toEqual([]);
    expect(r.sources.onNoEnv?.level).toBe('org');
  });
});
