import { describe, expect, it } from 'vitest';
import { parsePipArgv } from '../argv/index.js';
import type { Facts, PipSettings } from '../facts.js';
import { indexUses, PYPI_SIMPLE } from './index-urls.js';

const env = (where: string) => ({ kind: 'env' as const, where });
const file = { kind: 'file' as const, where: '/etc/pip.conf', section: 'global' };

function uses(argv: string, settings: Partial<PipSettings> = {}) {
  const facts = { pipSettings: { files: [], ...settings } } as unknown as Facts;
  return indexUses(parsePipArgv(argv.split(' '), '24.2'), facts).map((u) => [
    u.url,
    u.source === 'default' ? 'default' : u.source.where,
  ]);
}

// pip's optparse: config fills the defaults, --index-url replaces, the
// append options add to the configured list, --no-index drops the indexes.
describe('indexUses', () => {
  const cases: [string, string, Partial<PipSettings>, string[][]][] = [
    ['nothing set: PyPI', 'install x', {}, [[PYPI_SIMPLE, 'default']]],
    [
      'argv index replaces the configured one',
      'install -i http://a x',
      { indexUrl: { value: 'http://conf', source: file } },
      [['http://a', '-i http://a']],
    ],
    [
      'configured extras and find-links come before the command line ones',
      'install --extra-index-url http://b -f /w x',
      {
        extraIndexUrls: { value: ['http://e1', 'http://e2'], source: env('PIP_EXTRA_INDEX_URL') },
        findLinks: { value: ['/f'], source: file },
      },
      [
        [PYPI_SIMPLE, 'default'],
        ['http://e1', 'PIP_EXTRA_INDEX_URL'],
        ['http://e2', 'PIP_EXTRA_INDEX_URL'],
        ['http://b', '--extra-index-url http://b'],
        ['/f', '/etc/pip.conf'],
        ['/w', '-f /w'],
      ],
    ],
    [
      'no-index from the environment keeps only find-links',
      'install x',
      {
        noIndex: { value: true, source: env('PIP_NO_INDEX') },
        indexUrl: { value: 'http://conf', source: file },
        findLinks: { value: ['/f'], source: env('PIP_FIND_LINKS') },
      },
      [['/f', 'PIP_FIND_LINKS']],
    ],
    [
      'no-index = false changes nothing',
      'install x',
      { noIndex: { value: false, source: file } },
      [[PYPI_SIMPLE, 'default']],
    ],
    ['--no-index with nothing else: no location', 'install --no-index x', {}, []],
    [
      'uninstall uses no index',
      'uninstall x',
      { indexUrl: { value: 'http://conf', source: file } },
      [],
    ],
  ];
  it.each(cases)('%s', (_name, argv, settings, want) => {
    expect(uses(argv, settings)).toEqual(want);
  });
});
