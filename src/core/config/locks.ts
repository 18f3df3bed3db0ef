import { describeValue } from './display.js';
import { CONFIG_KEYS } from './keys.js';
import { closest } from './suggest.js';
import { LOCK_DISABLE, LOCK_EVERYTHING } from './types.js';

/** Sections: a lock on one locks every key under it (`venv` → `venv.path`, …). */
const SECTIONS = [
  ...new Set(CONFIG_KEYS.filter((k) => k.includes('.')).map((k) => k.split('.')[0])),
];

/** Every entry a `lock` list may hold, for messages and the JSON Schema. */
export const LOCK_ENTRIES: readonly string[] = [
  LOCK_EVERYTHING,
  LOCK_DISABLE,
  ...CONFIG_KEYS,
  ...(SECTIONS as string[]),
];

/**
 * Checks a `lock` value: a list of keys, sections, `*` (every key) or
 * `disable` (PIPWARDEN_DISABLE=1 stops bypassing the engine). Returns the
 * valid entries; each bad one is an error line starting with `at`.
 */
export function checkLocks(value: unknown, at: string, errors: string[]): string[] {
  if (!Array.isArray(value)) {
    errors.push(
      `${at}: expected a list of keys to lock, e.g. [onNoEnv, venv], got ${describeValue(value)}`,
    );
    return [];
  }
  const ok: string[] = [];
  for (const [i, entry] of value.entries()) {
    if (typeof entry === 'string' && LOCK_ENTRIES.includes(entry)) {
      ok.push(entry);
      continue;
    }
    const guess = typeof entry === 'string' ? closest(entry, LOCK_ENTRIES) : null;
    const hint = guess ? ` (did you mean "${guess}"?)` : ` (one of ${LOCK_ENTRIES.join(', ')})`;
    errors.push(
      `${at}[${i}]: expected a key or section to lock, got ${describeValue(entry)}${hint}`,
    );
  }
  return ok;
}

/** The dotted keys (and `disable`) that lock entries cover. */
export function lockedKeys(entries: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const entry of entries) {
    if (entry === LOCK_EVERYTHING) for (const k of [...CONFIG_KEYS, LOCK_DISABLE]) keys.add(k);
    else if ((SECTIONS as string[]).includes(entry)) {
      for (const k of CONFIG_KEYS) if (k.startsWith(`${entry}.`)) keys.add(k);
    } else keys.add(entry);
  }
  return [...keys];
}
