import { isAbsolute, resolve } from 'node:path';
import { pipTables } from '../../core/argv/pip-tables.js';
import {
  type InvalidPipSetting,
  noPipSettings,
  type PipSettings,
  type SettingSource,
} from '../../core/facts.js';
import { CONFIG_CAP, readBoundedOrNull } from '../read-bounded.js';
import { envNamesStartingWith } from '../read-hints.js';
import { parseIni } from './ini.js';
import { type ConfigFilesInput, pipConfigFiles } from './pip-config-files.js';

export interface PipSettingsInput extends ConfigFilesInput {
  /** pip's subcommand (`install`), or null for pip's main parser. */
  subcommand: string | null;
  /** Python that runs pip, for its configparser dialect; null means Python 3. */
  pythonVersion: [number, number] | null;
}

type Field = Exclude<keyof PipSettings, 'files' | 'invalid' | 'userVars'>;

/**
 * The PipSettings field each option `dest` fills. Which config keys reach a
 * dest, for which subcommands and since which pip, is not listed here: it
 * comes from the parser's own tables (`pipTables(version)`), because pip
 * matches a key against the subcommand's parser, `parser.get_option('--' +
 * key)` (pip/_internal/cli/parser.py, _update_defaults). So `require-venv`
 * and `pypi-url` work as aliases, and `python` only from 22.3.
 *
 * `--no-user` is a store_false into `use_user_site`, but _update_defaults
 * stores strtobool(value) for it unchanged: `no-user = yes` (PIP_NO_USER=1)
 * turns --user ON. We mirror that, since the value is not inverted here.
 */
const FIELDS: Readonly<Record<string, Field>> = {
  use_user_site: 'user', // install --user / --no-user
  user: 'user', // freeze, list, inspect --user
  require_venv: 'requireVirtualenv',
  override_externally_managed: 'breakSystemPackages',
  python: 'python',
  target_dir: 'target',
  prefix_path: 'prefix',
  root_path: 'root',
  // pip skips its PEP 668 check for `install --dry-run --report`, from config too.
  dry_run: 'dryRun',
  json_report_file: 'report',
  index_url: 'indexUrl',
  extra_index_urls: 'extraIndexUrls',
  find_links: 'findLinks',
  no_index: 'noIndex',
};

/** optparse `append` dests among FIELDS: pip fills them with value.split(). */
const LIST_DESTS = new Set(['extra_index_urls', 'find_links']);

interface OptionSpec {
  field: Field;
  type: 'bool' | 'string' | 'list';
}

/** The option a config key names for this subcommand and pip, or null when pip ignores the key. */
function optionFor(
  key: string,
  subcommand: string | null,
  pipVersion: string | null,
): OptionSpec | null {
  const tables = pipTables(pipVersion);
  // pip's main parser (subcommand null) has the general options only; an
  // unknown subcommand never gets this far in pip, so the general ones will do.
  const table = (subcommand === null ? null : tables.command(subcommand)) ?? tables.general;
  const def = table.long.get(`--${key}`);
  const field = def ? FIELDS[def.dest] : undefined;
  if (!def || !field) return null;
  const type = !def.takesValue ? 'bool' : LIST_DESTS.has(def.dest) ? 'list' : 'string';
  return { field, type };
}

const ENV_SECTION = ':env:';
const ENV_NAMES_IGNORED = new Set(['version', 'help']);

interface Item {
  value: string;
  source: SettingSource;
}

/**
 * pip's settings for one subcommand, resolved as ConfigOptionParser does:
 * every file merged into one `section.key` table (later files win), then
 * applied section by section — all `[global]` keys, then `[<subcommand>]`,
 * then PIP_* variables — so `[install]` in /etc/pip.conf beats `[global]`
 * in the user's file. Empty values are ignored, as pip does.
 */
export function readPipSettings(input: PipSettingsInput): PipSettings {
  const files = pipConfigFiles(input);
  const invalid: InvalidPipSetting[] = [];
  const merged = new Map<string, Item>();
  const dialect = { python: input.pythonVersion ?? ([3, 12] as [number, number]) };
  for (const file of files) {
    if (!file.exists) continue;
    const text = readText(isAbsolute(file.path) ? file.path : resolve(input.cwd, file.path));
    const where = file.path;
    if (text === null) {
      invalid.push(fileError(where, 'cannot be read as UTF-8'));
      continue;
    }
    const ini = parseIni(text, dialect);
    for (const e of ini.errors) invalid.push(fileError(where, e));
    for (const [section, items] of ini.sections) {
      for (const [name, value] of items) {
        merged.set(`${section}.${normalizeName(name)}`, {
          value,
          source: { kind: 'file', where, section },
        });
      }
    }
  }
  if (!input.isolated) {
    for (const name of envNamesStartingWith(input.env, 'PIP_')) {
      const value = input.env[name];
      if (value === undefined) continue;
      const key = name.slice(4).toLowerCase();
      if (ENV_NAMES_IGNORED.has(key)) continue;
      merged.set(`${ENV_SECTION}.${normalizeName(key)}`, {
        value,
        source: { kind: 'env', where: name },
      });
    }
  }
  const settings = noPipSettings(files, invalid);
  for (const [key, item] of ordered(merged, input.subcommand ?? 'global')) {
    const spec = optionFor(key, input.subcommand, input.pipVersion);
    if (!spec) continue;
    if (spec.type === 'string') {
      setField(settings, spec.field, { value: item.value, source: item.source });
      continue;
    }
    if (spec.type === 'list') {
      // _update_defaults: `val = val.split()`, and a later item replaces the
      // whole list (PIP_FIND_LINKS replaces pip.conf's find-links).
      const value = item.value.split(/\s+/).filter(Boolean);
      setField(settings, spec.field, { value, source: item.source });
      continue;
    }
    const bool = strtobool(item.value);
    if (bool === null) {
      invalid.push({
        key,
        value: item.value,
        source: item.source,
        message: `${item.value} is not a valid value for ${key} option, please specify a boolean value like yes/no, true/false or 1/0 instead.`,
      });
      continue;
    }
    setField(settings, spec.field, { value: bool, source: item.source });
  }
  return settings;
}

/** pip's _normalize_name: lower case, `_` → `-`, a leading `--` dropped. */
export function normalizeName(name: string): string {
  const n = name.toLowerCase().replaceAll('_', '-');
  return n.startsWith('--') ? n.slice(2) : n;
}

/** pip's strtobool; null where pip would exit with "not a valid value". */
export function strtobool(value: string): boolean | null {
  const v = value.toLowerCase();
  if (['y', 'yes', 't', 'true', 'on', '1'].includes(v)) return true;
  if (['n', 'no', 'f', 'false', 'off', '0'].includes(v)) return false;
  return null;
}

/** _get_ordered_configuration_items: global, then the command's section, then env; empty values skipped. */
function* ordered(merged: Map<string, Item>, command: string): Generator<[string, Item]> {
  // pip's main parser is itself named "global"; applying its items twice changes nothing.
  for (const section of new Set(['global', command, ENV_SECTION])) {
    for (const [sectionKey, item] of merged) {
      if (item.value === '') continue;
      const dot = sectionKey.indexOf('.');
      if (sectionKey.slice(0, dot) === section) yield [sectionKey.slice(dot + 1), item];
    }
  }
}

function setField(
  settings: PipSettings,
  field: Field,
  value: { value: unknown; source: SettingSource },
) {
  (settings as unknown as Record<Field, unknown>)[field] = value;
}

function fileError(where: string, message: string): InvalidPipSetting {
  return {
    key: '',
    value: '',
    source: { kind: 'file', where },
    message: `${where}: ${message} (pip refuses to start until it is fixed)`,
  };
}

function readText(path: string): string | null {
  try {
    // Bounded: a venv's pip.conf may come with a cloned repository (docs/security.md).
    const bytes = readBoundedOrNull(path, CONFIG_CAP);
    return bytes === null ? null : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
