import { describe, expect, it } from 'vitest';
import { parsePipArgv } from '../argv/index.js';
import { checkRules } from '../config/validate-rules.js';
import { requested, versionHolds } from './apply-rules.js';

describe('versionHolds', () => {
  const cases: [string, [number, number, number], boolean][] = [
    ['>=3.12', [3, 12, 0], true],
    ['>=3.12', [3, 11, 9], false],
    ['<3.8', [3, 7, 17], true],
    ['<3.8', [3, 8, 0], false],
    ['3.11', [3, 11, 4], true],
    ['3.11', [3, 12, 0], false],
    ['==3.11.4', [3, 11, 4], true],
    ['!=2.7', [2, 7, 18], true],
    ['2', [2, 7, 18], true],
  ];
  it.each(cases)('%s against %j is %s', (c, v, want) => {
    expect(versionHolds(c, v)).toBe(want);
  });
});

describe('requested packages', () => {
  it('normalises names and skips paths and options', () => {
    const inv = parsePipArgv(
      ['install', 'Django_Rest>=3', './local', 'requests[socks]', '-r', 'req.txt'],
      null,
    );
    expect(requested(inv)).toEqual(['django-rest', 'requests']);
  });
});

describe('checkRules', () => {
  const run = (raw: unknown) => {
    const errors: string[] = [];
    const warnings: string[] = [];
    const rules = checkRules(raw, 'f: rules', errors, warnings);
    return { rules, errors, warnings };
  };
  it('accepts every condition', () => {
    const r = run([
      {
        name: 'all',
        when: {
          env: 'system',
          writable: false,
          externallyManaged: true,
          root: true,
          sudo: false,
          user: true,
          breakSystemPackages: false,
          subcommand: ['install'],
          python: ['>=3.8', '<3.13'],
          cwd: '/srv/**',
          packages: ['django*'],
          indexNotIn: ['https://pypi.org/simple'],
          location: ['target', 'prefix'],
        },
        action: 'refuse',
        message: 'no\n',
      },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.rules[0]).toMatchObject({ name: 'all', action: 'refuse', message: 'no' });
    expect(r.rules[0]?.when.env).toEqual(['system']);
    expect(run([{ when: { env: 'conda-base' }, action: 'refuse' }]).errors).toEqual([]);
  });
  const bad: [string, unknown, string][] = [
    [
      'unknown action',
      [{ action: 'refuze' }],
      'f: rules[0].action: expected one of pass|user|env|venv|refuse, got "refuze" (did you mean "refuse"?)',
    ],
    [
      'unknown condition',
      [{ when: { envs: 'venv' }, action: 'pass' }],
      'f: rules[0].when.envs: unknown key (did you mean env?)',
    ],
    [
      'invalid glob',
      [{ when: { cwd: '/srv/[x' }, action: 'pass' }],
      'f: rules[0].when.cwd: "/srv/[x": invalid glob: unclosed "[" at character 6',
    ],
    [
      'wrong type',
      [{ when: { root: 'yes' }, action: 'pass' }],
      'f: rules[0].when.root: expected true or false, got "yes"',
    ],
    [
      'bad version',
      [{ when: { python: '3.x' }, action: 'pass' }],
      'f: rules[0].when.python: "3.x": expected a version such as >=3.12 or 3.11',
    ],
    [
      'unknown location',
      [{ when: { location: 'home' }, action: 'refuse' }],
      'f: rules[0].when.location: "home": expected one of target|prefix|root',
    ],
    [
      'unknown env kind',
      [{ when: { env: 'base' }, action: 'refuse' }],
      'f: rules[0].when.env: "base": expected one of venv|conda|pixi|system|conda-base',
    ],
    [
      'not a list',
      { action: 'pass' },
      'f: rules: expected a list of rules ({ when, action, message }), got a mapping',
    ],
  ];
  it.each(bad)('%s is one error line', (_n, raw, line) => {
    const r = run(raw);
    expect(r.errors).toEqual([line]);
    expect(r.rules).toEqual([]);
  });
});
