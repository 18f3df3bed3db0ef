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

/**
 * A bad PIPWARDEN_* variable or `--set` flag: usage, not a config file. It
 * names the variable or flag, and its next step says how to fix that, not a file.
 */
export interface OverrideError {
  from: 'env' | 'flag';
  message: string;
}

export interface OverrideLayers {
  layers: ConfigLayer[];
  errors: OverrideError[];
  warnings: string[];
}

/** The next step after a bad variable or flag. */
export function overrideHint(from: OverrideError['from']): string {
  return from === 'env'
    ? 'fix or unset the variable named above (docs/config.md lists every key and its values), or bypass pipwarden once with PIPWARDEN_DISABLE=1'
    : 'fix the flag named above: --set KEY=VALUE (docs/config.md lists every key and its values)';
}

/** Why a `--set` argument names no key, or null when it does. */
function setProblem(set: string): string | null {
  const eq = set.indexOf('=');
  const key = eq === -1 ? set : set.slice(0, eq);
  const known = (CONFIG_KEYS as readonly string[]).includes(key);
  if (known && eq !== -1) return null;
  if (known) return `--set ${set}: no value; expected --set ${key}=VALUE`;
  const guess = closest(key, CONFIG_KEYS);
  const hint = guess ? ` (did you mean ${guess}?)` : '';
  return eq === -1
    ? `--set ${set}: expected KEY=VALUE with a config key${hint}`
    : `--set ${set}: ${JSON.stringify(key)} is not a config key${hint}`;
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
    for (const message of checked.errors) out.errors.push({ from: level, message });
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
    const problem = setProblem(set);
    if (problem !== null) {
      out.errors.push({ from: 'flag', message: problem });
      continue;
    }
    const eq = set.indexOf('=');
    add('flag', set.slice(0, eq) as ConfigKey, set.slice(eq + 1), `--set ${set}`);
  }
  return out;
}
