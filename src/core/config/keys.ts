import {
  type AuditConfig,
  type Config,
  type PartialConfig,
  SITUATION_IDS,
  SITUATIONS,
  type VenvConfig,
} from './types.js';

/**
 * The config seen as flat dotted keys (`onNoEnv`, `venv.path`): the unit that
 * merging, source tracking and `pipwarden config` work in. A situation rule
 * is one value: a later layer's `onNoEnv: venv` replaces an earlier layer's
 * `{ action, message }` whole, message included.
 */
export type FlatConfig = Omit<Config, 'venv' | 'audit'> & {
  [K in keyof VenvConfig as `venv.${K}`]: VenvConfig[K];
} & { [K in keyof AuditConfig as `audit.${K}`]: AuditConfig[K] };

export type ConfigKey = keyof FlatConfig;

const AUDIT_KEYS = [
  'log',
  'maxBytes',
  'syslog',
  'file',
  'dir',
] as const satisfies (keyof AuditConfig)[];

/**
 * Every key, in the order docs/config.md and `pipwarden config` list them:
 * the one table of config keys. The top-level keys a file may hold
 * (validate.ts `TOP_LEVEL_KEYS`) are derived from it.
 */
export const CONFIG_KEYS: readonly ConfigKey[] = [
  ...SITUATION_IDS.map((id) => SITUATIONS[id].key),
  'condaBase',
  'allowBreakSystemPackages',
  'notices',
  'announce',
  'disposableUserSite',
  'promptDefault',
  'venv.path',
  'venv.create',
  'venv.python',
  ...AUDIT_KEYS.map((k) => `audit.${k}` as const),
  'rules',
];

/** Keys a config file may hold that are not config values: they bring in other settings. */
export const FILE_ONLY_KEYS = ['presets', 'lock', 'backstop'] as const;

/** Every top-level key of a config file, in CONFIG_KEYS order (`venv.path` → `venv`). */
export const TOP_LEVEL_KEYS: readonly string[] = [
  ...new Set(CONFIG_KEYS.map((k) => k.split('.')[0]!)),
  ...FILE_ONLY_KEYS,
];

/** The keys a (partial) config sets, with their values; unset keys are left out. */
export function flatten(values: PartialConfig): Partial<FlatConfig> {
  const flat: Partial<FlatConfig> = {};
  for (const id of SITUATION_IDS) {
    const key = SITUATIONS[id].key;
    const rule = values[key];
    if (rule !== undefined) flat[key] = { ...rule };
  }
  if (values.condaBase !== undefined) flat.condaBase = values.condaBase;
  if (values.allowBreakSystemPackages !== undefined) {
    flat.allowBreakSystemPackages = values.allowBreakSystemPackages;
  }
  if (values.notices !== undefined) flat.notices = values.notices;
  if (values.announce !== undefined) flat.announce = values.announce;
  if (values.rules !== undefined) flat.rules = values.rules;
  if (values.disposableUserSite !== undefined) flat.disposableUserSite = values.disposableUserSite;
  if (values.promptDefault !== undefined) flat.promptDefault = values.promptDefault;
  const venv = values.venv ?? {};
  if (venv.path !== undefined) flat['venv.path'] = venv.path;
  if (venv.create !== undefined) flat['venv.create'] = venv.create;
  // null is a value here ("the interpreter pip would have used"), not "unset".
  if (venv.python !== undefined) flat['venv.python'] = venv.python;
  for (const k of AUDIT_KEYS) {
    const v = values.audit?.[k];
    if (v !== undefined) (flat as Record<string, unknown>)[`audit.${k}`] = v;
  }
  return flat;
}

export function unflatten(flat: FlatConfig): Config {
  return {
    onUserInVenv: { ...flat.onUserInVenv },
    onUserInCondaEnv: { ...flat.onUserInCondaEnv },
    onUserWithLocation: { ...flat.onUserWithLocation },
    onForeignEnv: { ...flat.onForeignEnv },
    onNoEnv: { ...flat.onNoEnv },
    onExternallyManaged: { ...flat.onExternallyManaged },
    onNotWritable: { ...flat.onNotWritable },
    onSudo: { ...flat.onSudo },
    onPixiEnv: { ...flat.onPixiEnv },
    onPipPythonMismatch: { ...flat.onPipPythonMismatch },
    condaBase: flat.condaBase,
    allowBreakSystemPackages: flat.allowBreakSystemPackages,
    notices: flat.notices,
    announce: flat.announce,
    rules: flat.rules,
    disposableUserSite: flat.disposableUserSite,
    promptDefault: flat.promptDefault,
    venv: { path: flat['venv.path'], create: flat['venv.create'], python: flat['venv.python'] },
    audit: {
      log: flat['audit.log'],
      syslog: flat['audit.syslog'],
      file: flat['audit.file'],
      dir: flat['audit.dir'],
      maxBytes: flat['audit.maxBytes'],
    },
  };
}
