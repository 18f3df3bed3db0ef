import { describe, expect, it } from 'vitest';
import { merge } from './merge.js';
import { validate } from './validate.js';

const FILE = '/etc/pipwarden/config.yaml';

describe('validate: audit', () => {
  it.each([
    [
      'all keys',
      { syslog: true, file: '/var/log/pipwarden/audit.log', log: false, maxBytes: 4096 },
      [],
    ],
    ['file null', { file: null }, []],
    ['dir null', { dir: null }, []],
    [
      'dir relative',
      { dir: 'var/log' },
      [`${FILE}: audit.dir: expected an absolute path, or null, got "var/log"`],
    ],
    [
      'relative file',
      { file: 'audit.log' },
      [`${FILE}: audit.file: expected an absolute path, or null, got "audit.log"`],
    ],
    [
      'syslog string',
      { syslog: 'yes' },
      [`${FILE}: audit.syslog: expected true or false, got "yes"`],
    ],
    [
      'tiny maxBytes',
      { maxBytes: 10 },
      [`${FILE}: audit.maxBytes: expected a whole number of bytes, at least 1024, got 10`],
    ],
  ])('%s', (_name, audit, errors) => {
    expect(validate({ audit }, FILE).errors).toEqual(errors);
  });

  it('a string instead of a mapping is one error; an unknown key one warning', () => {
    expect(validate({ audit: true }, FILE).errors).toEqual([
      `${FILE}: audit: expected a mapping with log, syslog, file, dir, maxBytes, got true`,
    ]);
    expect(validate({ audit: { sylog: true } }, FILE).warnings).toEqual([
      `${FILE}: audit.sylog: unknown key, ignored (did you mean syslog?)`,
    ]);
  });

  it('merges key by key, with the source of each', () => {
    const org = validate({ audit: { syslog: true } }, FILE).values;
    const user = validate({ audit: { maxBytes: 2048 } }, '/u.yaml').values;
    const r = merge([
      { level: 'org', file: FILE, values: org },
      { level: 'user', file: '/u.yaml', values: user },
    ]);
    expect(r.config.audit).toEqual({
      log: true,
      syslog: true,
      file: null,
      dir: null,
      maxBytes: 2048,
    });
    expect(r.sources['audit.syslog']?.file).toBe(FILE);
    expect(r.sources['audit.maxBytes']?.file).toBe('/u.yaml');
  });
});
