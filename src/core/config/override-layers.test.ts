import { describe, expect, it } from 'vitest';
import { overrideLayers } from './override-layers.js';

describe('overrideLayers: errors say whether a variable or a flag was wrong', () => {
  it.each([
    [['foo=bar'], '--set foo=bar: "foo" is not a config key'],
    [['onNoEnv'], '--set onNoEnv: no value; expected --set onNoEnv=VALUE'],
    [
      ['on_no_env'],
      '--set on_no_env: expected KEY=VALUE with a config key (did you mean onNoEnv?)',
    ],
    [['venv.pth=x'], '--set venv.pth=x: "venv.pth" is not a config key (did you mean venv.path?)'],
  ])('--set %j', (sets, message) => {
    const out = overrideLayers({}, sets);
    expect(out.errors).toEqual([{ from: 'flag', message }]);
    expect(out.layers).toEqual([]);
  });

  it('a bad value in a PIPWARDEN_* variable is from: env, and adds no layer', () => {
    const out = overrideLayers({ PIPWARDEN_ON_NO_ENV: 'venvv' });
    expect(out.errors).toEqual([
      {
        from: 'env',
        message:
          '$PIPWARDEN_ON_NO_ENV: onNoEnv: expected one of pip|venv|refuse|prompt, got "venvv" (did you mean "venv"?)',
      },
    ]);
    expect(out.layers).toEqual([]);
  });

  it('good ones become layers labelled with the variable or flag', () => {
    const out = overrideLayers({ PIPWARDEN_NOTICES: 'off' }, ['onNoEnv=venv']);
    expect(out.errors).toEqual([]);
    expect(out.layers.map((l) => [l.level, l.file])).toEqual([
      ['env', '$PIPWARDEN_NOTICES'],
      ['flag', '--set onNoEnv=venv'],
    ]);
  });
});
