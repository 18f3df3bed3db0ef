import type { Env } from '../core/env.js';

/**
 * The one place io readers meet the plan cache's recorder
 * (plan-cache/decide-recorded.ts). A reader never asks whether a recording
 * runs; it says two things about its own reads, which mean nothing outside a
 * recording and narrow what a recording keeps inside one:
 *
 * - `askingWhatItIs(q)`: the fs calls in `q` depend only on what a path is
 *   (type, existence, access), not on what is in it. The recorder keeps the
 *   path's type and access but not its mtime, so an install that adds to
 *   site-packages does not make the next call's entry miss because a
 *   decision once asked "is site-packages a directory?".
 * - `envNamesStartingWith(env, prefix)`: every variable with a prefix (pip
 *   reads any PIP_<option>). The recorder checks that prefix only, where
 *   listing every variable would make the decision impossible to replay.
 *
 * Tested plain and under a recording in test/io/read-hints.test.ts.
 */

let whatItIsDepth = 0;

export function askingWhatItIs<T>(question: () => T): T {
  whatItIsDepth++;
  try {
    return question();
  } finally {
    whatItIsDepth--;
  }
}

/** For the recorder: true inside askingWhatItIs. */
export function onlyWhatItIs(): boolean {
  return whatItIsDepth > 0;
}

/** For the recorder: the key under which a recording env lists the names with one prefix. */
export const LIST_PREFIX = Symbol('pipwarden.listPrefix');

/** The names in `env` that start with `prefix`, e.g. every PIP_* that pip would read. */
export function envNamesStartingWith(env: Env, prefix: string): string[] {
  const list = (env as { [LIST_PREFIX]?: (p: string) => string[] })[LIST_PREFIX];
  return list ? list(prefix) : Object.keys(env).filter((k) => k.startsWith(prefix));
}
