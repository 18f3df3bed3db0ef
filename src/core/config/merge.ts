import { displayPath } from './display.js';
import { type ConfigKey, type FlatConfig, flatten, unflatten } from './keys.js';
import { lockedKeys } from './locks.js';
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
});

export const DEFAULT_SOURCE: ValueSource = Object.freeze({ level: 'default', file: '(default)' });

/**
 * Merges validated layers, later ones winning (callers pass org → user →
 * project → env → flag), and records where every value came from, keyed by
 * dotted path. Layers are taken in the order given, not sorted by level.
 * An org layer's `locks` freeze its keys for every non-org layer after it:
 * a different value is dropped and reported in `blocked`, naming the lock's file.
 */
export function merge(layers: readonly ConfigLayer[], home: string | null = null): ResolvedConfig {
  const values = flatten(DEFAULT_CONFIG) as FlatConfig;
  const sources: Record<string, ValueSource> = {};
  for (const key of Object.keys(values)) sources[key] = DEFAULT_SOURCE;
  const locks: Record<string, string> = {};
  const blocked: string[] = [];

  for (const layer of layers) {
    const source: ValueSource = { level: layer.level, file: layer.file };
    for (const [key, value] of Object.entries(flatten(layer.values)) as [ConfigKey, unknown][]) {
      const lock = layer.level === 'org' ? undefined : locks[key];
      if (lock !== undefined) {
        const current = (values as Record<ConfigKey, unknown>)[key];
        if (!sameValue(current, value)) {
          blocked.push(
            `${displayPath(layer.file, home)}: ${key}: locked by ${lock}, so ${describeSetting(current)} stays`,
          );
        }
        continue;
      }
      (values as Record<ConfigKey, unknown>)[key] = value;
      sources[key] = source;
    }
    if (layer.level === 'org') {
      for (const key of lockedKeys(layer.locks ?? [])) locks[key] = layer.file;
    }
  }
  return { config: unflatten(values), sources, layers: [...layers], locks, blocked };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function describeSetting(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'action' in value) {
    return `"${(value as SituationRule).action}"`;
  }
  return JSON.stringify(value);
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}
