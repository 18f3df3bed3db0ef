import { basename, extname } from 'node:path';
import type { Loader, Loaders } from 'cosmiconfig';
// cosmiconfig's YAML loader (js-yaml, required on first use), from the module
// the Explorer has already loaded: the package index would load all of
// cosmiconfig (see load-config-explorer.ts).
import { loadYaml } from 'cosmiconfig/dist/loaders.js';
import { displayPath, isPlainObject } from '../../core/config/display.js';
import { EXECUTABLE_EXTENSIONS } from './load-config-places.js';

/**
 * The loaders pipwarden hands cosmiconfig: JSON, YAML (also for the
 * extensionless `.pipwardenrc`, which is how YAML-or-JSON is read), TOML with
 * `pyproject.toml`'s `[tool.pipwarden]` table, and, for executable configs, a
 * loader that runs nothing: it adds a line to `warnings` and returns null,
 * which makes cosmiconfig keep searching as if the file were not there.
 */
export function dataLoaders(
  warnings: string[],
  home: string,
  trusted: ((file: string, content: string) => boolean) | null = null,
): Loaders {
  const skipExecutable: Loader = (file) => {
    const instead = `${basename(file, extname(file))}.yaml`;
    warnings.push(
      `${displayPath(file, home)}: ignored: pipwarden reads only data files (JSON, YAML, TOML), never runs code from config; move the settings to ${instead}`,
    );
    return null;
  };
  const loaders: Loaders = {
    '.json': noImport(loadJson, warnings, home),
    '.yaml': noImport(loadYaml, warnings, home),
    '.yml': noImport(loadYaml, warnings, home),
    noExt: noImport(loadYaml, warnings, home),
    '.toml': noImport(loadToml(), warnings, home),
  };
  for (const ext of EXECUTABLE_EXTENSIONS)
    loaders[ext] = trusted ? runIfTrusted(ext) : skipExecutable;
  return loaders;

  /** Project configs: run only once `pipwarden trust` recorded this exact content. */
  function runIfTrusted(ext: string): Loader {
    return async (file, content) => {
      if (!trusted?.(file, content)) {
        warnings.push(
          `${displayPath(file, home)}: not trusted, so not run; if you wrote it or checked it, run: pipwarden trust ${displayPath(file, home)}`,
        );
        return null;
      }
      const { loadJs, loadTs } = await import('cosmiconfig/dist/loaders.js');
      return (ext === '.ts' ? loadTs : loadJs)(file, content);
    };
  }
}

/**
 * Deeper than any config needs: `[[[[…` 200 000 deep aborted the engine
 * (std::bad_alloc in JSON.parse under a memory cap) and overflows the
 * recursive YAML and TOML parsers (docs/security.md hostile-repo corpus).
 */
const MAX_NESTING = 100;

/** The deepest `[`/`{` nesting outside quoted strings: a cheap linear scan before any parser recurses. */
function nesting(content: string): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (quote !== '') {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    else if (c === '\n') quote = '';
  }
  return max;
}

/**
 * cosmiconfig merges files named by a `$import` key; a missing one makes it
 * skip the importing file silently (ENOENT is "not found" to its search), and
 * every value would be credited to the importing file. Not supported for now.
 */
function noImport(loader: Loader, warnings: string[], home: string): Loader {
  return async (file, content) => {
    // pyproject.toml without our table is not parsed at all (loadToml).
    if (
      nesting(content) > MAX_NESTING &&
      !(basename(file) === 'pyproject.toml' && !content.includes('pipwarden'))
    ) {
      throw new ConfigSyntaxError(`nested more than ${MAX_NESTING} levels deep`, null, null);
    }
    const value = await loader(file, content);
    if (isPlainObject(value) && '$import' in value) {
      warnings.push(`${displayPath(file, home)}: $import: not supported, ignored`);
      delete value.$import;
    }
    return value;
  };
}

/** A parse failure with the position the parser reported (1-based). */
export class ConfigSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(message);
    this.name = 'ConfigSyntaxError';
  }
}

// Our own JSON loader instead of cosmiconfig's parse-json one: JSON.parse is
// already loaded, and parse-json's message repeats the file and a code frame.
function loadJson(_file: string, content: string): unknown {
  try {
    return JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : content.length;
    const before = content.slice(0, offset).split('\n');
    const reason = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/ of JSON input$/, ' of file');
    throw new ConfigSyntaxError(reason, before.length, (before.at(-1)?.length ?? 0) + 1);
  }
}

function loadToml(): Loader {
  return async (file, content) => {
    const isPyproject = basename(file) === 'pyproject.toml';
    // Most pyproject.toml files are not ours: pass them over unparsed. A
    // broken one is then pip's to report, not a reason to fail every pip call.
    if (isPyproject && !content.includes('pipwarden')) return null;
    const { parse } = await import('smol-toml');
    const doc = parse(content);
    if (!isPyproject) return doc;
    // null, not undefined: cosmiconfig treats null as "no config here" and
    // keeps searching upward, as it should for a pyproject.toml without our table.
    const tool = doc.tool;
    return isPlainObject(tool) && tool.pipwarden !== undefined ? tool.pipwarden : null;
  };
}

const FORMATS: Record<string, string> = {
  '.json': 'JSON',
  '.yaml': 'YAML',
  '.yml': 'YAML',
  '.toml': 'TOML',
  '': 'YAML or JSON',
};

/**
 * One line for a file that failed to load: `file: line L, column C: invalid
 * YAML: <parser's reason>`, without the parser's code frame.
 */
export function syntaxMessage(error: unknown, file: string, home: string): string {
  const where = displayPath(file, home);
  const format = FORMATS[extname(file)] ?? 'data';
  const e = error as {
    message?: unknown;
    line?: unknown;
    column?: unknown;
    reason?: unknown;
    mark?: { line?: unknown; column?: unknown };
  };
  let line: number | null = null;
  let column: number | null = null;
  let reason = typeof e?.message === 'string' ? e.message : String(error);
  if (error instanceof ConfigSyntaxError) {
    ({ line, column } = error);
  } else if (typeof e.reason === 'string' && typeof e.mark?.line === 'number') {
    // js-yaml's YAMLException: 0-based mark.
    reason = e.reason;
    line = e.mark.line + 1;
    column = typeof e.mark.column === 'number' ? e.mark.column + 1 : null;
  } else if (typeof e.line === 'number') {
    // smol-toml's TomlError: 1-based line and column, message plus code frame.
    line = e.line;
    column = typeof e.column === 'number' ? e.column : null;
    reason = reason.replace(/^Invalid TOML document: /, '');
  }
  reason = (reason.split('\n')[0] ?? '').trim();
  const position =
    line === null ? '' : column === null ? `line ${line}: ` : `line ${line}, column ${column}: `;
  return `${where}: ${position}invalid ${format}: ${reason}`;
}
