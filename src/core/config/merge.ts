import { type ConfigKey, type FlatConfig, flatten, unflatten } from './keys.js';
import {
  type Config,
  type ConfigLayer,
  type ResolvedConfig,
  SITUATIONS,
  type SituationRule,
  type ValueSource,
} from './types.js';

const rule = (action: SituationRule['action']): SituationRule => ({ action, message: null });

/** The built-in values: the situation defaults from SITUATIONS, the rest from the @default tags in types.ts. */
export const DEFAULT_CONFIG: Readonly<Config> = deepFreeze({
  onUserInVenv: rule(SITUATIONS.userInVenv.default),
  onForeignEnv: rule(SITUATIONS.foreignEnv.default),
  onNoEnv: rule(SITUATIONS.noEnv.default),
  onExternallyManaged: rule(SITUATIONS.externallyManaged.default),
  onNotWritable: rule(SITUATIONS.notWritable.default),
  onSudo: rule(SITUATIONS.sudo.default),
  condaBase: false,
  allowBreakSystemPackages: false,
  venv: { path: '.venv', create: true, python: null },
  notices: true,
  disposableUserSite: false,
  promptDefault: 'pip',
});

export const DEFAULT_SOURCE: ValueSource = Object.freeze({ level: 'default', file: '(default)' });

/**
 * Merges validated layers, later ones winning (callers pass org → user →
 * project), and records where every value came from, keyed by dotted path.
 * Layers are taken in the order given, not sorted by level.
 */
export function merge(layers: readonly ConfigLayer[]): ResolvedConfig {
  const values = flatten(DEFAULT_CONFIG) as FlatConfig;
  const sources: Record<string, ValueSource> = {};
  for (const key of Object.keys(values)) sources[key] = DEFAULT_SOURCE;

  for (const layer of layers) {
    const source: ValueSource = { level: layer.level, file: layer.file };
    for (const [key, value] of Object.entries(flatten(layer.values)) as [ConfigKey, unknown][]) {
      // Every layer's value passes through this one assignment; org-level
      // `locked` keys will be enforced here (keep the earlier value and
      // report the later layer's attempt).
      (values as Record<ConfigKey, unknown>)[key] = value;
      sources[key] = source;
    }
  }
  return { config: unflatten(values), sources, layers: [...layers] };
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}
