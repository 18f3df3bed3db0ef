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
import type { Rule } from './validate-rules.js';

const rule = (action: SituationRule['action']): SituationRule => ({ action, message: null });

/** The built-in values: the situation defaults from SITUATIONS, the rest from the @default tags in types.ts. */
export const DEFAULT_CONFIG: Readonly<Config> = deepFreeze({
  onUserInVenv: rule(SITUATIONS.userInVenv.default),
  onUserInCondaEnv: rule(SITUATIONS.userInCondaEnv.default),
  onUserWithLocation: rule(SITUATIONS.userWithLocation.default),
  onForeignEnv: rule(SITUATIONS.foreignEnv.default),
  onNoEnv: rule(SITUATIONS.noEnv.default),
  onExternallyManaged: rule(SITUATIONS.externallyManaged.default),
  onNotWritable: rule(SITUATIONS.notWritable.default),
  onSudo: rule(SITUATIONS.sudo.default),
  onPixiEnv: rule(SITUATIONS.pixiEnv.default),
  onPipPythonMismatch: rule(SITUATIONS.pipPythonMismatch.default),
  condaBase: false,
  allowBreakSystemPackages: false,
  venv: { path: '.venv', create: true, python: null },
  audit: { log: true, syslog: false, file: null, dir: null, maxBytes: 1_048_576 },
  rules: [],
  notices: true,
  disposableUserSite: false,
  promptDefault: 'pip',
  announce: false,
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

  const ruleLists: { layer: ConfigLayer; rules: Rule[] }[] = [];
  for (const layer of layers) {
    const source: ValueSource = { level: layer.level, file: layer.file };
    for (const [key, value] of Object.entries(flatten(layer.values)) as [ConfigKey, unknown][]) {
      if (key === 'rules') {
        // Rules add up instead of replacing: see orderRules.
        const rules = (value as Rule[]).map((r) => ({ ...r, file: r.file ?? layer.file }));
        ruleLists.push({ layer, rules });
        continue;
      }
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
  // A lock on `rules` set by an org layer counts for the org rules read before it too.
  values.rules = orderRules(ruleLists, locks, blocked, home);
  const top = ruleLists.at(-1);
  if (top) sources.rules = { level: top.layer.level, file: top.layer.file };
  return { config: unflatten(values), sources, layers: [...layers], locks, blocked };
}

/**
 * Rules add up: the highest layer's first. Once the org locks `rules` or any
 * situation key, a rule from another layer could step around the lock (rules
 * are checked before the situations), so only its `refuse` rules stay, after
 * the org's; the others are dropped and reported.
 */
function orderRules(
  lists: { layer: ConfigLayer; rules: Rule[] }[],
  locks: Record<string, string>,
  blocked: string[],
  home: string | null,
): Rule[] {
  const lock = locks.rules ?? Object.entries(locks).find(([k]) => k.startsWith('on'))?.[1];
  if (lock === undefined) return [...lists].reverse().flatMap((l) => l.rules);
  const org = lists.filter((l) => l.layer.level === 'org').reverse();
  const others = lists.filter((l) => l.layer.level !== 'org').reverse();
  const kept: Rule[] = [];
  for (const { layer, rules } of others) {
    for (const [i, rule] of rules.entries()) {
      if (rule.action === 'refuse') kept.push(rule);
      else {
        blocked.push(
          `${displayPath(layer.file, home)}: rules[${i}]: locked by ${lock}, so this ${rule.action} rule is ignored (only refuse rules can be added)`,
        );
      }
    }
  }
  return [...org.flatMap((l) => l.rules), ...kept];
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
