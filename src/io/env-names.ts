import type { Env } from '../core/env.js';

/**
 * How an env that records its reads (plan-cache/record-inputs.ts) lists the
 * names with one prefix, so a plan cache entry checks that prefix only and
 * not every variable. A plain env has no such key.
 */
export const LIST_PREFIX = Symbol('pipwarden.listPrefix');

/** The names in `env` that start with `prefix`, e.g. every PIP_* that pip would read. */
export function envNamesStartingWith(env: Env, prefix: string): string[] {
  const list = (env as { [LIST_PREFIX]?: (p: string) => string[] })[LIST_PREFIX];
  return list ? list(prefix) : Object.keys(env).filter((k) => k.startsWith(prefix));
}
