import { inRange, parseRelease, type Release } from '../version.js';
import { COMMANDS } from './pip-commands.js';
import { GENERAL_OPTIONS, type OptionRow } from './pip-options.js';

/** One option as a parser sees it in a given pip version. */
export interface OptionDef {
  /** Canonical name: the first long spelling, else the short one. */
  name: string;
  dest: string;
  takesValue: boolean;
  /** From cmdoptions.general_group. */
  general: boolean;
}

/** The lookup maps of one optparse parser (`pip` itself, or `pip <command>`). */
export interface OptionTable {
  /** `--user` → def, one entry per long spelling (optparse's `_long_opt`). */
  long: ReadonlyMap<string, OptionDef>;
  /** `U` → def, keyed by the letter (optparse's `_short_opt` without the dash). */
  short: ReadonlyMap<string, OptionDef>;
  /** The long spellings, for abbreviation matching. */
  longNames: readonly string[];
}

export interface PipTables {
  /** The newest pip release the tables describe, or the one asked for. */
  release: Release;
  /** pip's main parser: the general options only. */
  general: OptionTable;
  /** The parser of `pip <name>` (general + the command's options), or null if no such command. */
  command(name: string): OptionTable | null;
}

/** The newest pip whose source the tables were checked against. */
export const NEWEST_PIP = '26.2.1';

function buildTable(rows: readonly OptionRow[], general: boolean, base?: OptionTable): OptionTable {
  const long = new Map(base?.long);
  const short = new Map(base?.short);
  for (const [spellings, dest, takesValue] of rows) {
    const names = spellings.split(' ');
    const name = names.find((n) => n.startsWith('--')) ?? names[0]!;
    const def: OptionDef = { name, dest, takesValue: takesValue === 1, general };
    for (const n of names) {
      if (n.startsWith('--')) long.set(n, def);
      else short.set(n.slice(1), def);
    }
  }
  return { long, short, longNames: [...long.keys()] };
}

function buildTables(release: Release): PipTables {
  const pick = (rows: readonly OptionRow[]) =>
    rows.filter(([, , , since, until]) => inRange(release, since, until));
  const general = buildTable(pick(GENERAL_OPTIONS), true);
  const commands = new Map<string, OptionTable | null>();
  return {
    release,
    general,
    command(name) {
      let table = commands.get(name);
      if (table === undefined) {
        const row = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
        table =
          row && inRange(release, row.since, row.until)
            ? buildTable(pick(row.options), false, general)
            : null;
        commands.set(name, table);
      }
      return table;
    },
  };
}

const newest = buildTables(parseRelease(NEWEST_PIP)!);
const cache = new Map<string, PipTables>([[NEWEST_PIP, newest]]);

/**
 * The option tables of a pip version (`23.0.1`); null, undefined or an
 * unparsable version gives the newest. Built once per version and cached,
 * since the parse runs in every intercepted pip call.
 */
export function pipTables(version?: string | null): PipTables {
  const release = version ? parseRelease(version) : null;
  if (!release) return newest;
  const key = release.join('.');
  let tables = cache.get(key);
  if (!tables) {
    tables = buildTables(release);
    cache.set(key, tables);
  }
  return tables;
}

/** The subcommands pip knows in a version, in commands_dict order. */
export function pipCommands(version?: string | null): string[] {
  const tables = pipTables(version);
  return Object.keys(COMMANDS).filter((name) => tables.command(name) !== null);
}

/**
 * optparse's `_match_abbrev`: an exact spelling, else the only spelling it
 * is a prefix of. Spellings count separately, so `--lo` is ambiguous between
 * `--log`, `--log-file` and `--local-log` although all three are one option.
 */
export function matchLong(table: OptionTable, opt: string): OptionDef | 'ambiguous' | null {
  const exact = table.long.get(opt);
  if (exact) return exact;
  let found: string | null = null;
  for (const name of table.longNames) {
    if (!name.startsWith(opt)) continue;
    if (found !== null) return 'ambiguous';
    found = name;
  }
  return found === null ? null : table.long.get(found)!;
}
