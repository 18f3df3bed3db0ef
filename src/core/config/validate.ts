import { describeValue, displayPath, isPlainObject } from './display.js';
import { TOP_LEVEL_KEYS } from './keys.js';
import { checkLocks } from './locks.js';
import { closest } from './suggest.js';
import {
  ACTIONS,
  type Action,
  PROMPT_CHOICES,
  type PromptChoice,
  SITUATION_IDS,
  SITUATIONS,
  type SituationRule,
  type SituationSpec,
  type ValidationResult,
  type VenvConfig,
} from './types.js';
import { checkAudit } from './validate-audit.js';
import { checkBackstop } from './validate-backstop.js';
import { checkRules } from './validate-rules.js';

export const BOOLEAN_KEYS = [
  'condaBase',
  'allowBreakSystemPackages',
  'notices',
  'announce',
  'disposableUserSite',
] as const;
const SPECS = new Map<string, SituationSpec>(
  SITUATION_IDS.map((id) => [SITUATIONS[id].key, SITUATIONS[id]]),
);
const RULE_KEYS = ['action', 'message'];
/** Per venv key: what is wrong with a value, or null when it is fine. */
const VENV_CHECKS: Record<string, (v: unknown) => string | null> = {
  path: (v) => {
    if (typeof v !== 'string' || v.trim() === '')
      return `expected a non-empty path, got ${describeValue(v)}`;
    // Taken literally, "~/venvs/x" would be a directory named "~" in the project.
    if (v.startsWith('~')) {
      return `expected an absolute path or one relative to the project root, got ${describeValue(v)} (~ is not expanded; write the full path)`;
    }
    return null;
  },
  create: (v) =>
    typeof v === 'boolean' ? null : `expected true or false, got ${describeValue(v)}`,
  python: (v) =>
    v === null || (typeof v === 'string' && v.trim() !== '')
      ? null
      : `expected an interpreter name or path (e.g. python3.12), or null, got ${describeValue(v)}`,
};
const VENV_KEYS = Object.keys(VENV_CHECKS);

/** The presets shipped in the package's presets/ dir, one YAML file each. */
export const PRESETS = [
  'venv-only',
  'no-user-site',
  'no-break-system-packages',
  'no-sudo-pip',
  'index-only',
  'no-conda-base',
] as const;

function checkPresets(value: unknown, at: string, errors: string[]): string[] {
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items)) {
    errors.push(
      `${at}: expected a list of presets (${PRESETS.join(', ')}), got ${describeValue(value)}`,
    );
    return [];
  }
  const ok: string[] = [];
  for (const [i, name] of items.entries()) {
    if (typeof name === 'string' && (PRESETS as readonly string[]).includes(name)) ok.push(name);
    else {
      const guess = typeof name === 'string' ? closest(name, PRESETS) : null;
      errors.push(
        `${at}[${i}]: expected one of ${PRESETS.join(', ')}, got ${describeValue(name)}${guess ? ` (did you mean "${guess}"?)` : ''}`,
      );
    }
  }
  return ok;
}

/**
 * Checks one config layer as parsed from `file`. Keeps every valid key, so
 * `pipwarden config` can still show the rest; each problem is one line that
 * starts with `<file>: <key>:` and says what was expected and what was found.
 * Unknown keys are warnings (a newer pipwarden's key must not break an older one).
 * `home` only shortens paths in messages to `~/…`.
 */
export function validate(raw: unknown, file: string, home: string | null = null): ValidationResult {
  const where = displayPath(file, home);
  const result: ValidationResult = {
    values: {},
    locks: [],
    presets: [],
    warnings: [],
    errors: [],
  };
  // An empty file, or one with only comments, sets nothing.
  if (raw === undefined || raw === null) return result;
  if (!isPlainObject(raw)) {
    result.errors.push(
      `${where}: expected a mapping of settings such as "onNoEnv: venv", got ${describeValue(raw)}`,
    );
    return result;
  }
  for (const [key, value] of Object.entries(raw)) {
    const at = `${where}: ${key}`;
    const spec = SPECS.get(key);
    if (spec) {
      const rule = checkRule(value, spec, at, result);
      if (rule) result.values[spec.key] = rule;
    } else if ((BOOLEAN_KEYS as readonly string[]).includes(key)) {
      if (typeof value === 'boolean') {
        result.values[key as (typeof BOOLEAN_KEYS)[number]] = value;
      } else {
        result.errors.push(`${at}: expected true or false, got ${describeValue(value)}`);
      }
    } else if (key === 'audit') {
      const audit = checkAudit(value, at, result);
      if (audit) result.values.audit = audit;
    } else if (key === 'rules') {
      result.values.rules = checkRules(value, at, result.errors, result.warnings);
    } else if (key === 'presets') {
      result.presets = checkPresets(value, at, result.errors);
    } else if (key === 'lock') {
      result.locks = checkLocks(value, at, result.errors);
    } else if (key === 'backstop') {
      const backstop = checkBackstop(value, at, result);
      if (backstop) result.backstop = backstop;
    } else if (key === '$schema') {
      // Editors read it (see schema/config.schema.json); pipwarden has no use for it.
    } else if (key === 'promptDefault') {
      if (typeof value === 'string' && (PROMPT_CHOICES as readonly string[]).includes(value)) {
        result.values.promptDefault = value as PromptChoice;
      } else {
        result.errors.push(
          `${at}: expected one of ${PROMPT_CHOICES.join('|')}, got ${describeValue(value)}`,
        );
      }
    } else if (key === 'venv') {
      const venv = checkVenv(value, at, result);
      if (venv) result.values.venv = venv;
    } else {
      unknownKey(result, at, key, TOP_LEVEL_KEYS);
    }
  }
  return summariseUnknown(result, where);
}

function checkRule(
  value: unknown,
  spec: SituationSpec,
  at: string,
  result: ValidationResult,
): SituationRule | null {
  if (typeof value === 'string') {
    const action = checkAction(value, spec, at, result);
    return action ? { action, message: null } : null;
  }
  if (!isPlainObject(value)) {
    result.errors.push(
      `${at}: expected one of ${spec.allowed.join('|')}, or { action, message }, got ${describeValue(value)}`,
    );
    return null;
  }
  for (const key of Object.keys(value)) {
    if (!RULE_KEYS.includes(key)) unknownKey(result, `${at}.${key}`, key, RULE_KEYS);
  }
  const action = checkAction(value.action, spec, `${at}.action`, result);
  const message = checkMessage(value.message, `${at}.message`, result);
  return action && message !== undefined ? { action, message } : null;
}

function checkAction(
  value: unknown,
  spec: SituationSpec,
  at: string,
  result: ValidationResult,
): Action | null {
  if (typeof value === 'string' && spec.allowed.includes(value as Action)) return value as Action;
  let why = '';
  if (typeof value === 'string') {
    const known = (ACTIONS as readonly string[]).includes(value);
    const guess = known ? null : closest(value, spec.allowed);
    if (known) why = ` (${value} does not apply to ${spec.key})`;
    else if (guess) why = ` (did you mean "${guess}"?)`;
  }
  result.errors.push(
    `${at}: expected one of ${spec.allowed.join('|')}, got ${describeValue(value)}${why}`,
  );
  return null;
}

/** `undefined` means invalid; a missing or empty message is `null`. */
function checkMessage(
  value: unknown,
  at: string,
  result: ValidationResult,
): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    result.errors.push(`${at}: expected a line of text, got ${describeValue(value)}`);
    return undefined;
  }
  // A YAML block scalar (`message: |`) ends in a newline; printed as is it
  // would leave a blank line after pipwarden's own.
  const trimmed = value.trimEnd();
  return trimmed === '' ? null : trimmed;
}

function checkVenv(
  value: unknown,
  at: string,
  result: ValidationResult,
): Partial<VenvConfig> | null {
  if (!isPlainObject(value)) {
    const hint =
      typeof value === 'string'
        ? ` (for a path, write venv: { path: ${JSON.stringify(value)} })`
        : '';
    result.errors.push(
      `${at}: expected a mapping with path, create, python, got ${describeValue(value)}${hint}`,
    );
    return null;
  }
  const venv: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const check = Object.hasOwn(VENV_CHECKS, key) ? VENV_CHECKS[key] : undefined;
    const problem = check ? check(v) : null;
    if (!check) unknownKey(result, `${at}.${key}`, key, VENV_KEYS);
    else if (problem) result.errors.push(`${at}.${key}: ${problem}`);
    else venv[key] = v;
  }
  return venv as Partial<VenvConfig>;
}

/** More unknown keys than this in one file make one summary line, not a line each. */
export const UNKNOWN_KEYS_LISTED = 10;
/**
 * Every unknown key of a result, as `<file>: <key path>`. Past the
 * listed ones they are only collected: a generated file with 200k keys
 * costs no did-you-mean work and no 200k warning lines.
 */
const unknownSeen = new WeakMap<ValidationResult, string[]>();

function unknownKey(result: ValidationResult, at: string, key: string, known: readonly string[]) {
  const seen = unknownSeen.get(result) ?? [];
  unknownSeen.set(result, seen);
  seen.push(at);
  if (seen.length > UNKNOWN_KEYS_LISTED) return;
  const guess = closest(key, known);
  result.warnings.push(
    guess
      ? `${at}: unknown key, ignored (did you mean ${guess}?)`
      : `${at}: unknown key, ignored (known keys: ${known.join(', ')})`,
  );
}

/** A file with many unknown keys (a wrong file, a generated one) gets one line, not thousands. */
function summariseUnknown(result: ValidationResult, where: string): ValidationResult {
  const seen = unknownSeen.get(result) ?? [];
  if (seen.length <= UNKNOWN_KEYS_LISTED) return result;
  result.warnings = [
    `${where}: ${seen.length} unknown keys, ignored (${seen
      .slice(0, 3)
      .map((at) => at.slice(where.length + 2))
      .join(', ')}, …); is this a pipwarden config? known keys: ${TOP_LEVEL_KEYS.join(', ')}`,
  ];
  return result;
}
