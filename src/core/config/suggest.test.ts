import { describe, expect, it } from 'vitest';
import { closest } from './suggest.js';

describe('closest', () => {
  const keys = ['onNoEnv', 'onNotWritable', 'onSudo', 'condaBase', 'notices', 'venv'];
  const cases: [string, readonly string[], string | null][] = [
    ['onNotWriteable', keys, 'onNotWritable'],
    ['on-no-env', keys, 'onNoEnv'],
    ['ONSUDO', keys, 'onSudo'],
    ['notcies', keys, 'notices'],
    ['venvs', keys, 'venv'],
    ['python', keys, null],
    ['', keys, null],
    ['usr', ['user', 'pip', 'venv', 'refuse'], 'user'],
    ['refuze', ['pip', 'venv', 'refuse'], 'refuse'],
    ['env', ['pip', 'venv', 'refuse'], 'venv'],
    ['deny', ['pip', 'refuse'], null],
  ];
  it.each(cases)('%s', (input, candidates, expected) => {
    expect(closest(input, candidates)).toBe(expected);
  });
});
