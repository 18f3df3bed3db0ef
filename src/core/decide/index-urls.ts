import type { PipInvocation } from '../argv/types.js';
import type { Facts, SettingSource } from '../facts.js';

/** pip's default index (PyPI.simple_url in pip/_internal/models/index.py). */
export const PYPI_SIMPLE = 'https://pypi.org/simple';

export interface IndexUse {
  url: string;
  /** The pip.conf key or option it was given as. */
  key: 'index-url' | 'extra-index-url' | 'find-links';
  /** Where pip got it: the argv token, a PIP_* variable, a pip.conf file, or pip's default. */
  source: SettingSource | 'default';
}

/**
 * Every index and find-links location `pip install` would use, and where
 * each came from, resolved as pip's optparse does: config and PIP_* fill
 * the defaults, then the command line. `--index-url` replaces the default;
 * `--extra-index-url` and `--find-links` append to the configured list.
 * `--no-index` (anywhere) drops the indexes but keeps find-links
 * (pip/_internal/cli/req_command.py, make_link_collector). Requirement files
 * (`-r req.txt` holding `--index-url`) are not read.
 */
export function indexUses(inv: PipInvocation, facts: Facts): IndexUse[] {
  const s = facts.pipSettings;
  const argv = [...inv.globals, ...inv.options].filter((o) => o.value !== null);
  const fromArgv = (dest: string, key: IndexUse['key']): IndexUse[] =>
    argv
      .filter((o) => o.dest === dest)
      .map((o) => ({
        url: o.value as string,
        key,
        source: { kind: 'argv', where: inv.argv.slice(o.start, o.end).join(' ') },
      }));
  const fromSetting = (
    setting: { value: string[]; source: SettingSource } | null | undefined,
    key: IndexUse['key'],
  ): IndexUse[] =>
    setting ? setting.value.map((url) => ({ url, key, source: setting.source })) : [];
  const noIndex =
    inv.options.some((o) => o.dest === 'no_index') ||
    inv.globals.some((o) => o.dest === 'no_index') ||
    s.noIndex?.value === true;
  if (inv.subcommand !== 'install') return [];
  const findLinks = [
    ...fromSetting(s.findLinks, 'find-links'),
    ...fromArgv('find_links', 'find-links'),
  ];
  if (noIndex) return findLinks;
  const index: IndexUse =
    fromArgv('index_url', 'index-url').at(-1) ??
    (s.indexUrl
      ? { url: s.indexUrl.value, key: 'index-url', source: s.indexUrl.source }
      : { url: PYPI_SIMPLE, key: 'index-url', source: 'default' });
  return [
    index,
    ...fromSetting(s.extraIndexUrls, 'extra-index-url'),
    ...fromArgv('extra_index_urls', 'extra-index-url'),
    ...findLinks,
  ];
}
