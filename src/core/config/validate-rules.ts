import { describeValue, isPlainObject } from './display.js';
import { globProblem } from './glob.js';
import { closest } from './suggest.js';

/** What a rule does when it matches. `pass` runs pip unchanged. */
export type RuleAction = 'pass' | 'user' | 'env' | 'venv' | 'refuse';
export const RULE_ACTIONS: readonly RuleAction[] = ['pass', 'user', 'env', 'venv', 'refuse'];

/** `conda-base` is the conda kind narrowed to conda's base env (`conda` holds there too). */
export const ENV_KINDS = ['venv', 'conda', 'pixi', 'system', 'conda-base'] as const;
/** pip's explicit install locations: --target, --prefix, --root (argv, PIP_*, pip.conf). */
export const LOCATIONS = ['target', 'prefix', 'root'] as const;

/** Conditions: all given ones must hold; a list means "any of these". */
export interface RuleWhen {
  env?: (typeof ENV_KINDS)[number][];
  writable?: boolean;
  externallyManaged?: boolean;
  root?: boolean;
  sudo?: boolean;
  /** User mode requested (--user, PIP_USER, pip.conf user = true). */
  user?: boolean;
  /** --break-system-packages requested (argv, PIP_BREAK_SYSTEM_PACKAGES, pip.conf). */
  breakSystemPackages?: boolean;
  subcommand?: string[];
  /** Version constraints, all must hold: `>=3.12`, `<3.8`, `3.11` (= 3.11.*). */
  python?: string[];
  /** Globs on the working directory. */
  cwd?: string[];
  /** Globs on requested package names (normalised: lower case, `-`). */
  packages?: string[];
  /**
   * Some index or find-links location pip would use (command line, PIP_*,
   * pip.conf, or pip's default PyPI) matches none of these globs.
   */
  indexNotIn?: string[];
  /** An explicit install location is given: --target, --prefix or --root (argv, PIP_*, pip.conf). */
  location?: (typeof LOCATIONS)[number][];
}

export interface Rule {
  name: string | null;
  when: RuleWhen;
  action: RuleAction;
  message: string | null;
  /** The file that set it (filled in by merge). */
  file?: string;
}

type Check = (v: unknown) => { value: unknown } | string;

const bool: Check = (v) =>
  typeof v === 'boolean' ? { value: v } : `expected true or false, got ${describeValue(v)}`;
const list =
  (each: (s: string) => string | null, what: string): Check =>
  (v) => {
    const items = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(items) || items.length === 0) {
      return `expected ${what} or a list of them, got ${describeValue(v)}`;
    }
    for (const item of items) {
      if (typeof item !== 'string') return `expected ${what}, got ${describeValue(item)}`;
      const problem = each(item);
      if (problem) return `${describeValue(item)}: ${problem}`;
    }
    return { value: items };
  };
const glob = (g: string) => (globProblem(g) ? `invalid glob: ${globProblem(g)}` : null);
const VERSION = /^(>=|<=|==|!=|>|<)?\s*\d+(\.\d+){0,2}$/;

/** What each condition holds: one table for validation and the JSON Schema. */
export type WhenType = 'boolean' | 'env' | 'location' | 'subcommand' | 'version' | 'glob';
export const WHEN_TYPES: Record<keyof RuleWhen, WhenType> = {
  env: 'env',
  writable: 'boolean',
  externallyManaged: 'boolean',
  root: 'boolean',
  sudo: 'boolean',
  user: 'boolean',
  breakSystemPackages: 'boolean',
  subcommand: 'subcommand',
  python: 'version',
  cwd: 'glob',
  packages: 'glob',
  indexNotIn: 'glob',
  location: 'location',
};
/** Per list item type: the pattern the JSON Schema states, and the check. */
export const ITEM_PATTERNS: Record<
  Exclude<WhenType, 'boolean' | 'env' | 'location' | 'glob'>,
  RegExp
> = {
  subcommand: /^[a-z][a-z-]*$/,
  version: VERSION,
};
const ITEM_CHECKS: Record<Exclude<WhenType, 'boolean'>, [(s: string) => string | null, string]> = {
  env: [
    (s) =>
      (ENV_KINDS as readonly string[]).includes(s)
        ? null
        : `expected one of ${ENV_KINDS.join('|')}`,
    'an env kind',
  ],
  location: [
    (s) =>
      (LOCATIONS as readonly string[]).includes(s)
        ? null
        : `expected one of ${LOCATIONS.join('|')}`,
    'an install location',
  ],
  subcommand: [
    (s) => (ITEM_PATTERNS.subcommand.test(s) ? null : 'expected a pip subcommand'),
    'a subcommand',
  ],
  version: [
    (s) =>
      ITEM_PATTERNS.version.test(s.trim()) ? null : 'expected a version such as >=3.12 or 3.11',
    'a version constraint',
  ],
  glob: [glob, 'a glob'],
};
const WHEN = Object.fromEntries(
  Object.entries(WHEN_TYPES).map(([key, type]) => [
    key,
    type === 'boolean' ? bool : list(...ITEM_CHECKS[type]),
  ]),
) as Record<keyof RuleWhen, Check>;
export const WHEN_KEYS = Object.keys(WHEN) as (keyof RuleWhen)[];
export const RULE_KEYS = ['name', 'when', 'action', 'message'];

/** Checks a `rules` list; every problem is a line starting with `at[i]…`. */
export function checkRules(
  value: unknown,
  at: string,
  errors: string[],
  warnings: string[],
): Rule[] {
  if (!Array.isArray(value)) {
    errors.push(
      `${at}: expected a list of rules ({ when, action, message }), got ${describeValue(value)}`,
    );
    return [];
  }
  const rules: Rule[] = [];
  for (const [i, raw] of value.entries()) {
    const here = `${at}[${i}]`;
    if (!isPlainObject(raw)) {
      errors.push(`${here}: expected { when, action, message }, got ${describeValue(raw)}`);
      continue;
    }
    const before = errors.length;
    for (const key of Object.keys(raw)) {
      if (!RULE_KEYS.includes(key)) warnings.push(unknown(`${here}.${key}`, key, RULE_KEYS));
    }
    const action = raw.action;
    if (typeof action !== 'string' || !(RULE_ACTIONS as readonly string[]).includes(action)) {
      const guess = typeof action === 'string' ? closest(action, RULE_ACTIONS) : null;
      errors.push(
        `${here}.action: expected one of ${RULE_ACTIONS.join('|')}, got ${describeValue(action)}${guess ? ` (did you mean "${guess}"?)` : ''}`,
      );
    }
    const when: RuleWhen = {};
    if (raw.when !== undefined && !isPlainObject(raw.when)) {
      errors.push(`${here}.when: expected a mapping of conditions, got ${describeValue(raw.when)}`);
    } else {
      for (const [key, v] of Object.entries(raw.when ?? {})) {
        const check = Object.hasOwn(WHEN, key) ? WHEN[key as keyof RuleWhen] : undefined;
        if (!check) {
          errors.push(unknown(`${here}.when.${key}`, key, WHEN_KEYS).replace(', ignored', ''));
          continue;
        }
        const r = check(v);
        if (typeof r === 'string') errors.push(`${here}.when.${key}: ${r}`);
        else (when as Record<string, unknown>)[key] = r.value;
      }
    }
    for (const k of ['name', 'message'] as const) {
      if (raw[k] !== undefined && raw[k] !== null && typeof raw[k] !== 'string') {
        errors.push(`${here}.${k}: expected a line of text, got ${describeValue(raw[k])}`);
      }
    }
    if (errors.length > before) continue;
    rules.push({
      name: typeof raw.name === 'string' ? raw.name : null,
      when,
      action: action as RuleAction,
      message: typeof raw.message === 'string' ? raw.message.trimEnd() || null : null,
    });
  }
  return rules;
}

function unknown(at: string, key: string, known: readonly string[]): string {
  const guess = closest(key, known);
  return guess
    ? `${at}: unknown key, ignored (did you mean ${guess}?)`
    : `${at}: unknown key, ignored (known keys: ${known.join(', ')})`;
}
