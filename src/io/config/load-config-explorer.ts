import { basename, extname, join } from 'node:path';
import type { Loaders } from 'cosmiconfig';
import { readBounded, refusedRead } from '../read-bounded.js';

/**
 * pipwarden's own search of one directory for a config file; cosmiconfig
 * supplies only the loaders (parsers).
 *
 * Why not cosmiconfig's search:
 *   - its `cosmiconfig()` first searches process.cwd() for a "meta config"
 *     (package.json, .config/config.{js,ts,…}) with its default loaders,
 *     which would execute .config/config.js, throw on a malformed
 *     package.json, and obey a `cosmiconfig` key there; there is no option
 *     to turn that off (cosmiconfig/cosmiconfig#296);
 *   - its Explorer reads each candidate with fs.readFile, whole: a
 *     `.pipwardenrc.json → /dev/urandom` never ends and a
 *     `pyproject.toml → /dev/zero` grows the process to 16 GB (docs/security.md).
 *     Here every candidate goes through readBounded: a regular
 *     file of at most `cap` bytes (1 MiB for a project's).
 * The rules kept from cosmiconfig 9: names are tried in order; a missing,
 * unreadable (EACCES) or directory candidate counts as absent (load-config.ts
 * reports the last two for the org and user layers); an empty file, or one
 * whose loader returns null or undefined, does not count as found; `$import`
 * is not followed (load-config-loaders.ts drops it).
 */
export interface Explorer {
  search(dir: string): Promise<{ filepath: string; config: unknown } | null>;
}

/** A candidate that is a FIFO, a device or too large: one line, naming it. */
export class ConfigReadError extends Error {
  constructor(
    readonly filepath: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'ConfigReadError';
  }
}

/**
 * `refused` is told of a `pyproject.toml` that cannot be read within bounds,
 * which then counts as absent: most are not ours, and pip alone would not
 * read it for `pip install x`. Any of pipwarden's own names throws instead.
 */
export function dataExplorer(
  searchPlaces: readonly string[],
  loaders: Loaders,
  cap: number,
  refused: (file: string, reason: string) => void = () => {},
): Explorer {
  return {
    async search(dir) {
      for (const name of searchPlaces) {
        const filepath = join(dir, name);
        const read = readBounded(filepath, cap);
        if (!read.ok) {
          if (read.problem === 'not-regular' || read.problem === 'too-large') {
            if (basename(filepath) !== 'pyproject.toml') {
              throw new ConfigReadError(filepath, refusedRead(read));
            }
            refused(filepath, refusedRead(read));
          }
          continue;
        }
        const content = read.bytes.toString('utf8');
        if (content.trim() === '') continue;
        const loader = loaders[extname(filepath) || 'noExt'];
        if (!loader) continue;
        let config: unknown;
        try {
          config = await loader(filepath, content);
        } catch (error) {
          if (error !== null && typeof error === 'object') {
            (error as { filepath?: string }).filepath = filepath;
          }
          throw error;
        }
        if (config !== null && config !== undefined) return { filepath, config };
      }
      return null;
    },
  };
}
