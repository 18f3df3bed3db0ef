import { shQuote } from './quote.js';
import { BYPASS, ENGINE, FIND_REAL, PLAN_CACHE } from './shim-parts.js';
import { renderPipRoute, renderPythonRoute } from './shim-route.js';

/**
 * Bumped whenever the shim's sh changes meaning, so `rehash` (and `doctor`)
 * can tell an old shim from a current one even before comparing bytes.
 */
export const SHIM_FORMAT = 3;

/** The marker file that makes a dir a pipwarden shim dir to every shim. */
export const SHIM_DIR_MARKER = '.pipwarden-shims';

/**
 * Inside the shim dir: `.follow/<name>/<name>`, a shim for a name the last
 * full rehash did not see on PATH (a venv's `python`). Each follow dir holds
 * the marker too, so every search that skips shim dirs skips it, and the
 * prompt hook puts it on PATH only while `<name>` is on PATH further on.
 */
export const FOLLOW_DIR = '.follow';

export interface ShimSpec {
  /** `pip` for pip, pip3, pip3.X; `python` for python, python3, python3.X. */
  kind: 'pip' | 'python';
  /** The command name the shim stands for, e.g. `pip3.12`. */
  name: string;
  /** Absolute path of the shim dir the shim is written to. */
  shimDir: string;
  /** Absolute path of the node binary that runs the engine. */
  node: string;
  /** Absolute path of pipwarden's CLI entry (dist/cli/main.js). */
  main: string;
  /** pipwarden's version, stamped so an upgrade rewrites every shim. */
  version: string;
  /**
   * pipwarden's cache dir as io/paths.ts cacheDir resolved it for the shim's
   * owner; null or absent: none, so only PIPWARDEN_CACHE_DIR turns the plan
   * cache on.
   */
  cacheDir?: string | null;
}

/** The stamp on a shim's second line; `parseShimStamp` reads it back. */
export interface ShimStamp {
  format: number;
  version: string;
  kind: 'pip' | 'python';
  name: string;
}

const STAMP = /^# pipwarden-shim format=(\d+) version=(\S+) kind=(pip|python) name=(\S+)$/m;

// Rendered once: the tables they come from are constants.
const PIP_ROUTE = renderPipRoute();
const PYTHON_ROUTE = renderPythonRoute();

/** The complete `#!/bin/sh` text of one shim. */
export function renderShim(spec: ShimSpec): string {
  if (!/^[A-Za-z0-9._+-]+$/.test(spec.name)) {
    throw new Error(`shim name ${JSON.stringify(spec.name)} is not a plain command name`);
  }
  const route =
    spec.kind === 'pip'
      ? `${PIP_ROUTE}\nif _pw_pip_may_change "$@"; then _pw_engine "$@"; fi\n`
      : `${PIP_ROUTE}\n${PYTHON_ROUTE}\nif _pw_python_may_change "$@"; then _pw_engine "$@"; fi\n`;
  return [
    '#!/bin/sh',
    `# pipwarden-shim format=${SHIM_FORMAT} version=${spec.version} kind=${spec.kind} name=${spec.name}`,
    `# Written by \`pipwarden rehash\`; edits are lost on the next rehash.`,
    '# PIPWARDEN_DISABLE=1 runs the real command untouched.',
    `_pw_name=${shQuote(spec.name)}`,
    `_pw_shims=${shQuote(spec.shimDir)}`,
    `_pw_node=${shQuote(spec.node)}`,
    `_pw_main=${shQuote(spec.main)}`,
    `_pw_cache=${shQuote(spec.cacheDir ?? '')}`,
    '',
    FIND_REAL,
    BYPASS,
    ENGINE,
    PLAN_CACHE,
    route,
    '_pw_exec "$_pw_real" "$@"',
    '',
  ].join('\n');
}

/** The stamp of a shim's text, or null when the text is not a pipwarden shim. */
export function parseShimStamp(text: string): ShimStamp | null {
  const m = STAMP.exec(text.slice(0, 512));
  if (!m || !text.startsWith('#!/bin/sh\n')) return null;
  return { format: Number(m[1]), version: m[2]!, kind: m[3] as 'pip' | 'python', name: m[4]! };
}

/** The node and CLI entry a shim bakes in (`_pw_node='…'`, `_pw_main='…'`), as renderShim writes them. */
export function parseShimBaked(text: string): { node: string | null; main: string | null } {
  return { node: bakedValue(text, '_pw_node'), main: bakedValue(text, '_pw_main') };
}

function bakedValue(text: string, name: string): string | null {
  // shQuote writes '…' with each ' as '\''; undo exactly that.
  const m = new RegExp(`^${name}=('(?:[^']|'\\\\'')*')$`, 'm').exec(text.slice(0, 2048));
  if (!m) return null;
  return m[1]!.slice(1, -1).replaceAll("'\\''", "'");
}
