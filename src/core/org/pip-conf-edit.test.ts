import { describe, expect, it } from 'vitest';
import { editPipConf } from './pip-conf-edit.js';

const URL = 'https://pypi.org/simple';

describe('editPipConf: adds the org key, touches nothing else', () => {
  it.each([
    ['no file', null, `[global]\nindex-url = ${URL}\n`],
    ['an empty file', '', `[global]\nindex-url = ${URL}\n`],
    [
      '[global] with cert',
      '[global]\ncert = /x.pem\n',
      `[global]\nindex-url = ${URL}\ncert = /x.pem\n`,
    ],
    [
      'only [install], no final newline',
      '[install]\nuser = no',
      `[install]\nuser = no\n[global]\nindex-url = ${URL}\n`,
    ],
    [
      'odd bytes kept',
      '# caf\u00e9 \u00ff\r\n[global]\r\ntimeout = 5\r\n',
      `# caf\u00e9 \u00ff\r\n[global]\r\nindex-url = ${URL}\ntimeout = 5\r\n`,
    ],
  ])('%s', (_what, text, want) => {
    expect(editPipConf(text, { 'index-url': URL })).toEqual({ text: want, conflicts: [] });
  });

  it.each([
    ['the same value', `[global]\nindex-url = ${URL}\n`, []],
    [
      'index_url spelling in [install]',
      '[install]\nindex_url = https://mirror/simple\n',
      [{ key: 'index-url', want: URL, has: 'https://mirror/simple' }],
    ],
    [
      'a mirror in [global]',
      '[global]\nindex-url: https://mirror/simple\n',
      [{ key: 'index-url', want: URL, has: 'https://mirror/simple' }],
    ],
  ])('already set: %s, left alone', (_what, text, conflicts) => {
    expect(editPipConf(text, { 'index-url': URL })).toEqual({ text, conflicts });
  });

  it('nothing wanted: the text as it was, null stays null', () => {
    expect(editPipConf(null, {})).toEqual({ text: null, conflicts: [] });
    expect(editPipConf('[global]\n', {})).toEqual({ text: '[global]\n', conflicts: [] });
  });
});
