/**
 * What makes python import another pip, or use another prefix, than the
 * one the engine probed (with -E, from /), as a value: what was found and
 * where. `src/io/interpreter/import-overrides.ts` finds them;
 * `src/core/render/reasons.ts` (`importOverrideText`) writes the words.
 */
export type ImportOverride =
  /** The dir first on sys.path (the cwd for `-m`, a pip script's own dir) holds a pip. */
  | { kind: 'first-dir'; dir: string }
  /** A PYTHONPATH entry, as written, that holds a pip (`archive`: a file, a zip python imports from). */
  | { kind: 'pythonpath'; entry: string; archive: boolean }
  /** PYTHONHOME names another prefix. */
  | { kind: 'pythonhome'; home: string }
  /** The user site of PYTHONUSERBASE holds a pip. */
  | { kind: 'userbase'; base: string };
