import { CONFIG_KEYS, type ConfigKey, flatten } from './keys.js';
import { DEFAULT_CONFIG } from './merge.js';
import { closest } from './suggest.js';
import type { ConfigLayer } from './types.js';
import { validate } from './validate.js';

/** `onNoEnv` → `PIPWARDEN_ON_NO_ENV`, `venv.path` → `PIPWARDEN_VENV_PATH`. */
export function envName(key: ConfigKey): string {
  return `PIPWARDEN_${key
    .replace('.', '_')
    .replace(/[A-Z]/g, (c) => `_${c}`)
    .toUpperCase()}`;
}

const DEFAULTS = flatten(DEFAULT_CONFIG) as Record<string, unknown>;

/** A string from the environment or a flag, as the config file would hold it. */
function coerce(key: ConfigKey, text: string): unknown {
  const def = DEFAULTS[key];
  if (typeof def === 'boolean') {
    if (/^(1|true|yes|on)$/i.test(text)) return true;
    if (/^(0|false|no|off)$/i.test(text)) return false;
    return text;
  }
  if (typeof def === 'number' && /^\d+$/.test(text)) return Number(text);
  if (
    (key === 'venv.python' || key === 'audit.file' || key === 'audit.dir') &&
    (text === '' || text === 'null')
  )
    return null;
  return text;
}

/** `{ 'venv.path': x }` → `{ venv: { path: x } }`, the shape validate() reads. */
function nest(key: ConfigKey, value: unknown): Record<string, unknown> {
  const [head, tail] = key.split('.') as [string, string | undefined];
  return tail === undefined ? { [head]: value } : { [head]: { [tail]: value } };
}

export interface OverrideLayers {
  layers: ConfigLayer[];
  errors: string[];
  warnings: string[];
}

/**
 * One layer per PIPWARDEN_* variable that names a config key, then one per
 * `--set KEY=VALUE` flag, each labelled with the variable or flag so that
 * `pipwarden config` and lock messages name exactly what set it.
 */
export function overrideLayers(
  env: Readonly<Record<string, string | undefined>>,
  sets: readonly string[] = [],
): OverrideLayers {
  const out: OverrideLayers = { layers: [], errors: [], warnings: [] };
  const add = (level: 'env' | 'flag', key: ConfigKey, text: string, label: string) => {
    const checked = validate(nest(key, coerce(key, text)), label);
    out.errors.push(...checked.errors);
    out.warnings.push(...checked.warnings);
    if (checked.errors.length === 0)
      out.layers.push({ level, file: label, values: checked.values });
  };
  for (const key of CONFIG_KEYS) {
    const name = envName(key);
    const text = env[name];
    if (text !== undefined) add('env', key, text, `$${name}`);
  }
  for (const set of sets) {
    const eq = set.indexOf('=');
    const key = (eq === -1 ? set : set.slice(0, eq)) as ConfigKey;
    if (eq === -1 || !CONFIG_KEYS.includes(key)) {
      const guess = closest(key, CONFIG_KEYS);
      out.errors.push(
        `--set ${set}: expected KEY=VALUE with a config key${guess ? ` (did you mean ${guess}?)` : ''}`,
      );
      continue;
    }
    add('flag', key, set.slice(eq + 1), `--set ${set}`);
  }
  return out;
}
