import { describe, expect, it } from 'vitest';
import type { PartialConfig } from './types.js';
import { validate } from './validate.js';

const HOME = '/home/ada';
const FILE = '/home/ada/.config/pipwarden/config.yaml';
const F = '~/.config/pipwarden/config.yaml';

describe('validate: accepted values', () => {
  const cases: [string, unknown, PartialConfig][] = [
    ['empty file', undefined, {}],
    ['comments only (YAML null)', null, {}],
    ['empty mapping', {}, {}],
    [
      'action string',
      { onNotWritable: 'venv' },
      { onNotWritable: { action: 'venv', message: null } },
    ],
    [
      'action with message',
      { onNoEnv: { action: 'refuse', message: 'Use a venv: see go/venv' } },
      { onNoEnv: { action: 'refuse', message: 'Use a venv: see go/venv' } },
    ],
    [
      'object without message',
      { onSudo: { action: 'refuse' } },
      { onSudo: { action: 'refuse', message: null } },
    ],
    [
      'null message',
      { onSudo: { action: 'pip', message: null } },
      { onSudo: { action: 'pip', message: null } },
    ],
    [
      'YAML block scalar message loses its trailing newline',
      { onSudo: { action: 'refuse', message: 'ask IT\n' } },
      { onSudo: { action: 'refuse', message: 'ask IT' } },
    ],
    [
      'blank message is no message',
      { onSudo: { action: 'pip', message: '  \n' } },
      { onSudo: { action: 'pip', message: null } },
    ],
    [
      'booleans',
      { condaBase: true, allowBreakSystemPackages: false, notices: false },
      { condaBase: true, allowBreakSystemPackages: false, notices: false },
    ],
    [
      'venv, all keys',
      { venv: { path: '/opt/venvs/default', create: false, python: 'python3.12' } },
      { venv: { path: '/opt/venvs/default', create: false, python: 'python3.12' } },
    ],
    ['venv.python null is a value', { venv: { python: null } }, { venv: { python: null } }],
    ['venv, some keys', { venv: { create: false } }, { venv: { create: false } }],
  ];
  it.each(cases)('%s', (_name, raw, values) => {
    const result = validate(raw, FILE, HOME);
    expect(result).toEqual({ values, locks: [], presets: [], warnings: [], errors: [] });
  });
});

describe('validate: errors', () => {
  const cases: [string, unknown, string[]][] = [
    [
      'misspelt action',
      { onNotWritable: 'usr' },
      [
        `${F}: onNotWritable: expected one of user|pip|venv|refuse|prompt, got "usr" (did you mean "user"?)`,
      ],
    ],
    [
      'action that exists but does not apply',
      { onSudo: 'venv' },
      [`${F}: onSudo: expected one of pip|refuse, got "venv" (venv does not apply to onSudo)`],
    ],
    [
      'pixi-add is for onPixiEnv only',
      { onNoEnv: 'pixi-add' },
      [
        `${F}: onNoEnv: expected one of pip|venv|refuse|prompt, got "pixi-add" (pixi-add does not apply to onNoEnv)`,
      ],
    ],
    [
      'onPixiEnv takes no venv',
      { onPixiEnv: 'venv' },
      [
        `${F}: onPixiEnv: expected one of pip|pixi-add|refuse, got "venv" (venv does not apply to onPixiEnv)`,
      ],
    ],
    [
      'wrong case',
      { onNoEnv: 'Refuse' },
      [
        `${F}: onNoEnv: expected one of pip|venv|refuse|prompt, got "Refuse" (did you mean "refuse"?)`,
      ],
    ],
    [
      'nonsense action',
      { onNoEnv: 'yolo' },
      [`${F}: onNoEnv: expected one of pip|venv|refuse|prompt, got "yolo"`],
    ],
    [
      'rule of the wrong type',
      { onNoEnv: ['venv'] },
      [`${F}: onNoEnv: expected one of pip|venv|refuse|prompt, or { action, message }, got a list`],
    ],
    [
      'rule object without action',
      { onNoEnv: { message: 'hi' } },
      [`${F}: onNoEnv.action: expected one of pip|venv|refuse|prompt, got nothing`],
    ],
    [
      'message not text',
      { onNoEnv: { action: 'venv', message: 42 } },
      [`${F}: onNoEnv.message: expected a line of text, got 42`],
    ],
    [
      'YAML "yes" is a string',
      { notices: 'yes' },
      [`${F}: notices: expected true or false, got "yes"`],
    ],
    ['number for boolean', { condaBase: 1 }, [`${F}: condaBase: expected true or false, got 1`]],
    [
      'venv as a string',
      { venv: '.venv' },
      [
        `${F}: venv: expected a mapping with path, create, python, got ".venv" (for a path, write venv: { path: ".venv" })`,
      ],
    ],
    [
      'venv.path empty',
      { venv: { path: '' } },
      [`${F}: venv.path: expected a non-empty path, got ""`],
    ],
    [
      'venv.path with ~',
      { venv: { path: '~/.venvs/default' } },
      [
        `${F}: venv.path: expected an absolute path or one relative to the project root, got "~/.venvs/default" (~ is not expanded; write the full path)`,
      ],
    ],
    [
      'venv.create string',
      { venv: { create: 'no' } },
      [`${F}: venv.create: expected true or false, got "no"`],
    ],
    [
      'venv.python number',
      { venv: { python: 3.12 } },
      [
        `${F}: venv.python: expected an interpreter name or path (e.g. python3.12), or null, got 3.12`,
      ],
    ],
    [
      'top level is a list',
      ['onNoEnv'],
      [`${F}: expected a mapping of settings such as "onNoEnv: venv", got a list`],
    ],
    [
      'top level is a string',
      'onNoEnv=venv',
      [`${F}: expected a mapping of settings such as "onNoEnv: venv", got "onNoEnv=venv"`],
    ],
    [
      'top level is a number',
      3,
      [`${F}: expected a mapping of settings such as "onNoEnv: venv", got 3`],
    ],
    [
      'a date (TOML)',
      { notices: new Date(0) },
      [`${F}: notices: expected true or false, got a date`],
    ],
  ];
  it.each(cases)('%s', (_name, raw, errors) => {
    const result = validate(raw, FILE, HOME);
    expect(result.errors).toEqual(errors);
    expect(result.warnings).toEqual([]);
  });

  it('keeps the valid keys beside the invalid ones', () => {
    const result = validate(
      { onNoEnv: 'venv', onSudo: 'nope', venv: { path: 'x', create: 'y' } },
      FILE,
      HOME,
    );
    expect(result.values).toEqual({
      onNoEnv: { action: 'venv', message: null },
      venv: { path: 'x' },
    });
    expect(result.errors).toHaveLength(2);
  });

  it('every message is one line starting with the file', () => {
    const result = validate(
      { onSudo: { action: 'x\ny', message: 1, extra: 2 }, venv: 7, nope: 1 },
      FILE,
      HOME,
    );
    for (const line of [...result.errors, ...result.warnings]) {
      expect(line).not.toContain('\n');
      expect(line.startsWith(`${F}: `)).toBe(true);
    }
  });
});

describe('validate: unknown keys are warnings', () => {
  const cases: [string, unknown, string[]][] = [
    [
      'misspelt key',
      { onNotWriteable: 'user' },
      [`${F}: onNotWriteable: unknown key, ignored (did you mean onNotWritable?)`],
    ],
    [
      'snake case',
      { on_no_env: 'venv' },
      [`${F}: on_no_env: unknown key, ignored (did you mean onNoEnv?)`],
    ],
    [
      'wrong case',
      { CondaBase: true },
      [`${F}: CondaBase: unknown key, ignored (did you mean condaBase?)`],
    ],
    [
      'unrelated key',
      { colour: true },
      [
        `${F}: colour: unknown key, ignored (known keys: onUserInVenv, onUserInCondaEnv, onUserWithLocation, onForeignEnv, onNoEnv, onExternallyManaged, onNotWritable, onSudo, onPixiEnv, onPipPythonMismatch, condaBase, allowBreakSystemPackages, notices, announce, disposableUserSite, promptDefault, venv, audit, rules, presets, lock, backstop)`,
      ],
    ],
    [
      'inside a rule',
      { onNoEnv: { action: 'venv', mesage: 'x' } },
      [`${F}: onNoEnv.mesage: unknown key, ignored (did you mean message?)`],
    ],
    [
      'a key named like an Object method',
      { venv: { constructor: 1 }, toString: 2 },
      [
        `${F}: venv.constructor: unknown key, ignored (known keys: path, create, python)`,
        `${F}: toString: unknown key, ignored (known keys: onUserInVenv, onUserInCondaEnv, onUserWithLocation, onForeignEnv, onNoEnv, onExternallyManaged, onNotWritable, onSudo, onPixiEnv, onPipPythonMismatch, condaBase, allowBreakSystemPackages, notices, announce, disposableUserSite, promptDefault, venv, audit, rules, presets, lock, backstop)`,
      ],
    ],
    [
      'inside venv',
      { venv: { pyhton: 'python3' } },
      [`${F}: venv.pyhton: unknown key, ignored (did you mean python?)`],
    ],
  ];
  it.each(cases)('%s', (_name, raw, warnings) => {
    const result = validate(raw, FILE, HOME);
    expect(result.warnings).toEqual(warnings);
    expect(result.errors).toEqual([]);
  });
});

describe('validate: file names in messages', () => {
  const cases: [string, string | null, string][] = [
    ['/home/ada/p/.pipwardenrc', '/home/ada', '~/p/.pipwardenrc'],
    ['/home/ada/p/.pipwardenrc', '/home/ada/', '~/p/.pipwardenrc'],
    ['/home/adam/.pipwardenrc', '/home/ada', '/home/adam/.pipwardenrc'],
    ['/etc/pipwarden/config.yaml', '/home/ada', '/etc/pipwarden/config.yaml'],
    ['/etc/pipwarden/config.yaml', null, '/etc/pipwarden/config.yaml'],
    ['/etc/pipwarden/config.yaml', '/', '/etc/pipwarden/config.yaml'],
  ];
  it.each(cases)('%s with home %s', (file, home, shown) => {
    expect(validate({ notices: 0 }, file, home).errors).toEqual([
      `${shown}: notices: expected true or false, got 0`,
    ]);
  });
});
