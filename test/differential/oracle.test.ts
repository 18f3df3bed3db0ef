import { describe, expect, it } from 'vitest';
import { classify, intendedPlaces, type Outcome, pipUserMode } from './support/oracle.js';
import {
  ACTIONS,
  commandOf,
  ENV_KINDS,
  type EnvKind,
  FORMS,
  sample,
  USER_SOURCES,
} from './support/space.js';

// The differential test's own logic, beside the real runs it judges.
const at = (exit: number | null, ...places: Outcome['places']): Outcome => ({ exit, places });

describe('classify', () => {
  it.each([
    ['same place, both 0', at(0, 'env'), at(0, 'env'), ['env'], 'same'],
    ['both fail where nothing is meant', at(1), at(77), [''], 'same'],
    ['both fail where a place is meant', at(1), at(1), ['target'], 'missed'],
    ['pip says usage error to both', at(2), at(2), ['downloads'], 'same'],
    ['pip alone lands off target, pipwarden too', at(0, 'user'), at(0, 'user'), ['env'], 'missed'],
    ['pipwarden refuses what pip alone does', at(0, 'env'), at(77), ['env'], 'broke'],
    ['pipwarden fails after pip alone went wrong', at(0, 'user'), at(1), ['env'], 'broke'],
    ['pip alone fails, pipwarden installs where meant', at(1), at(0, 'env'), ['env'], 'fixed'],
    [
      'pip alone lands off target, pipwarden where meant',
      at(0, 'user'),
      at(0, 'env'),
      ['env'],
      'fixed',
    ],
    ['pip alone fails, pipwarden lands off target', at(1), at(0, 'user'), ['env'], 'misplaced'],
    ['both 0, pipwarden elsewhere', at(0, 'env'), at(0, 'user'), ['env'], 'misplaced'],
    ['either may be meant', at(0, 'user'), at(0, 'env'), ['env', 'user'], 'fixed'],
    ['nowhere is meant (uninstall)', at(0, 'env'), at(0), [''], 'fixed'],
    ['a stray wins over all', at(0, 'env'), at(0, 'env', 'stray'), ['env'], 'stray'],
  ] as const)('%s', (_name, alone, warden, intended, verdict) => {
    expect(classify(alone, warden, intended)).toBe(verdict);
  });
});

describe('intendedPlaces', () => {
  const base = {
    env: 'venv',
    systemSitePackages: false,
    externallyManaged: false,
    baseWritable: true,
    userMode: true,
  };
  it.each([
    [{ ...base, action: 'install --target' }, ['target']],
    [{ ...base, action: 'install --prefix' }, ['prefix']],
    [{ ...base, action: 'wheel' }, ['downloads']],
    [{ ...base, action: 'uninstall' }, ['']],
    [{ ...base, action: 'install' }, ['env']],
    [{ ...base, action: 'install', env: 'conda' }, ['env']],
    [{ ...base, action: 'install', systemSitePackages: true }, ['env', 'user']],
    [{ ...base, action: 'install', env: 'none' }, ['user']],
    [{ ...base, action: 'install', env: 'none', userMode: false }, ['env']],
    [{ ...base, action: 'install', env: 'none', userMode: false, baseWritable: false }, ['user']],
    [{ ...base, action: 'install', env: 'none', externallyManaged: true }, ['']],
  ])('%o → %o', (intent, places) => {
    expect(intendedPlaces(intent)).toEqual(places);
  });

  it('pip alone: --isolated drops PIP_USER, not the file PIP_CONFIG_FILE names', () => {
    expect(pipUserMode('PIP_USER=1', true)).toBe(false);
    expect(pipUserMode('PIP_USER=1', false)).toBe(true);
    expect(pipUserMode('pip.conf user', true)).toBe(true);
    expect(pipUserMode('--no-user', false)).toBe(false);
  });
});

describe('sample', () => {
  const kinds = Object.keys(ENV_KINDS) as EnvKind[];
  it('is the same for the same seed, and differs for another', () => {
    expect(sample(7, 50, kinds)).toEqual(sample(7, 50, kinds));
    expect(sample(8, 50, kinds)).not.toEqual(sample(7, 50, kinds));
  });

  it('covers every kind, action, form and user source in a CI-sized sample', () => {
    const s = sample(1, 56, kinds);
    expect(new Set(s.map((x) => x.kind)).size).toBe(kinds.length);
    expect(new Set(s.map((x) => x.action)).size).toBe(ACTIONS.length);
    expect(new Set(s.map((x) => x.form)).size).toBe(FORMS.length);
    expect(new Set(s.map((x) => x.user)).size).toBe(USER_SOURCES.length);
  });

  it('spells the command the same way for pip alone and pipwarden, as pip reads it', () => {
    const places = {
      wheels: '/w',
      target: '/t',
      prefix: '/p',
      downloads: '/d',
      requirements: 'req.txt',
    };
    const s = { ...sample(1, 1, kinds)[0]!, form: 'python3.X -m pip' as const };
    expect(
      commandOf(
        { ...s, action: 'install --target', spelling: 'equals', user: 'none', isolated: 'no' },
        '3.12',
        places,
      ),
    ).toEqual([
      'python3.12',
      '-m',
      'pip',
      'install',
      '--no-index',
      '--find-links=/w',
      '--target=/t',
      'pwdemo',
    ]);
    expect(
      commandOf(
        {
          ...s,
          form: 'pip3.X',
          action: 'install --prefix',
          spelling: 'abbrev',
          user: '--user',
          isolated: 'before',
        },
        '3.6',
        places,
      ),
    ).toEqual([
      'pip3.6',
      '--isol',
      'install',
      '--no-index',
      '--find-l',
      '/w',
      '--user',
      '--prefi',
      '/p',
      'pwdemo',
    ]);
  });
});
