import { matchLong, type OptionDef, type OptionTable, pipTables } from './pip-tables.js';
import type { ParsedOption, PipInvocation } from './types.js';

/** What optparse makes of the option token at argv[i]. */
interface Read {
  /** The options it sets; empty when optparse would error on it. */
  hits: Hit[];
  /** Index of the next token to read. */
  next: number;
  /** The token is an option still waiting for its value at the end of argv. */
  dangling: boolean;
}

interface Hit {
  opt: ParsedOption;
  def: OptionDef;
}

/**
 * Parse pip's argv (after the program name) the way pip does:
 *
 * 1. main_parser.parse_command runs a parser with only the general options and
 *    `disable_interspersed_args()`, so the first non-option token (or the
 *    token after `--`) is the subcommand, looked up exactly in commands_dict;
 * 2. the command's parser, general + command options with interspersed
 *    args, then parses argv with that one token removed (`cmd_args.remove`),
 *    so general options work on both sides of the subcommand.
 *
 * Unknown subcommands and options that would make optparse error (unknown,
 * ambiguous abbreviation, missing or unexpected value) land in `unknown`.
 */
export function parsePipArgv(argv: string[], pipVersion?: string | null): PipInvocation {
  const tables = pipTables(pipVersion);
  const n = argv.length;
  const main = mainParse(argv, tables.general);
  const candidate = main.stop < n ? main.stop : -1;
  const command = candidate >= 0 ? tables.command(argv[candidate]!) : null;
  const inv: PipInvocation = {
    argv,
    globals: [],
    subcommand: null,
    subcommandIndex: -1,
    options: [],
    positionals: [],
    unknown: [],
    misplaced: [],
    // New general options go before an option still awaiting its value
    // (`pip --log`), the `--` before the subcommand, or the subcommand.
    globalEnd: main.dangling >= 0 ? main.dangling : main.dashDash >= 0 ? main.dashDash : main.stop,
    optionsEnd: n,
  };

  // parse_command hands the command's parser `cmd_args.remove(cmd_name)`:
  // the FIRST token equal to the subcommand goes. When that is an earlier
  // option value (`pip --log install -v install x`), the command's parser
  // reads `--log -v install x`: log is `-v` and `install` a positional.
  const first = candidate >= 0 ? argv.indexOf(argv[candidate]!) : -1;
  if (command && first < candidate && prefixParses(argv, candidate, tables.general)) {
    inv.subcommand = argv[candidate]!;
    inv.subcommandIndex = first;
    inv.shadowedSubcommandIndex = candidate;
    // Options put first are read first by both parsers and move nothing.
    inv.globalEnd = 0;
    commandParse(
      inv,
      command,
      argv.map((_, k) => k).filter((k) => k !== first),
    );
    return inv;
  }

  // The tokens before the subcommand must satisfy the main parser and,
  // re-read, the command's parser too.
  const prefixEnd = main.dashDash >= 0 ? main.dashDash : main.stop;
  for (let j = 0; j < prefixEnd; ) {
    const read = readOption(argv, j, tables.general, command);
    if (read.hits.length === 0) inv.unknown.push(...argv.slice(j, read.next));
    for (const { opt } of read.hits) inv.globals.push(opt);
    if (read.dangling) inv.optionsEnd = j;
    j = read.next;
  }
  if (candidate < 0) return inv;
  if (!command) {
    // pip: `unknown command "instal" - maybe you meant "install"`.
    inv.unknown.push(...argv.slice(candidate));
    return inv;
  }
  inv.subcommand = argv[candidate]!;
  inv.subcommandIndex = candidate;
  if (main.dashDash >= 0) {
    // `pip -- install --user x`: the command's parser sees `-- --user x`.
    inv.positionals.push(...argv.slice(candidate + 1));
  } else {
    commandParse(inv, command, argv.map((_, k) => k).slice(candidate + 1));
  }
  return inv;
}

/** Whether pip's main parser reads argv[0, end) without an error. */
function prefixParses(argv: string[], end: number, general: OptionTable): boolean {
  for (let j = 0; j < end; ) {
    if (argv[j] === '--') return true;
    const read = readOption(argv, j, general, null);
    if (read.hits.length === 0) return false;
    j = read.next;
  }
  return true;
}

/**
 * pip's main parser: general options only, stopping at the first argument
 * (`stop`, the subcommand) or after `--`; `dangling` is an option left
 * waiting for its value at the end (optparse errors there).
 */
function mainParse(argv: string[], general: OptionTable) {
  let i = 0;
  let dashDash = -1;
  let dangling = -1;
  while (i < argv.length) {
    if (argv[i] === '--') {
      dashDash = i++;
      break;
    }
    if (!isOption(argv[i]!)) break;
    const read = readOption(argv, i, general, null);
    if (read.dangling) {
      dangling = i;
      i = argv.length;
      break;
    }
    i = read.next;
  }
  return { stop: i, dashDash, dangling };
}

/**
 * The command's parser over the argv tokens at `seq` (in order): interspersed
 * options and positionals. `seq` is argv without the token parse_command
 * removed; ranges map back to argv indices.
 */
function commandParse(inv: PipInvocation, command: OptionTable, seq: number[]): void {
  const tokens = seq.map((k) => inv.argv[k]!);
  const at = (j: number) => (j < seq.length ? seq[j]! : inv.argv.length);
  for (let j = 0; j < tokens.length; ) {
    const token = tokens[j]!;
    if (token === '--') {
      inv.optionsEnd = at(j);
      inv.positionals.push(...tokens.slice(j + 1));
      return;
    }
    if (!isOption(token)) {
      inv.positionals.push(token);
      j++;
      continue;
    }
    const read = readOption(tokens, j, command, null);
    if (read.hits.length === 0) inv.unknown.push(token);
    for (const { opt, def } of read.hits) {
      opt.start = at(opt.start);
      opt.end = at(opt.end - 1) + 1;
      if (!def.general) inv.options.push(opt);
      else if (def.dest === 'python') inv.misplaced.push(opt);
      else inv.globals.push(opt);
    }
    if (read.dangling) inv.optionsEnd = at(j);
    // An option optparse rejects is one token; its would-be value is left to pip.
    j = read.hits.length === 0 ? j + 1 : read.next;
  }
}

/** optparse's test: `--…` is long, `-x…` short; a lone `-` is an argument. */
function isOption(token: string): boolean {
  return token.length > 1 && token[0] === '-';
}

/**
 * Read the option token at argv[i] with `table`. With `command`, the token
 * sits before the subcommand: pip's main parser reads it with the general
 * table, then the command's parser re-reads it, so a long abbreviation must
 * be unique in both (`pip --pr=x install`: --proxy to the main parser, but
 * ambiguous with --pre, --prefix… to install's).
 */
function readOption(
  argv: string[],
  i: number,
  table: OptionTable,
  command: OptionTable | null,
): Read {
  const token = argv[i]!;
  if (token.startsWith('--')) {
    const eq = token.indexOf('=');
    const name = eq < 0 ? token : token.slice(0, eq);
    const def = matchLong(table, name);
    if (def === null || def === 'ambiguous') return { hits: [], next: i + 1, dangling: false };
    const next = def.takesValue && eq < 0 ? i + 2 : i + 1;
    const fail: Read = { hits: [], next, dangling: false };
    if (command && matchLong(command, name) !== def) return fail;
    if (!def.takesValue) {
      // `--user=1`: "--user option does not take a value".
      return eq < 0 ? { hits: [hit(def, null, i, i + 1)], next, dangling: false } : fail;
    }
    if (eq >= 0) return { hits: [hit(def, token.slice(eq + 1), i, i + 1)], next, dangling: false };
    // optparse takes the next token whatever it looks like: `--index-url --user`.
    if (i + 1 >= argv.length) return { ...fail, dangling: true };
    return { hits: [hit(def, argv[i + 1]!, i, i + 2)], next, dangling: false };
  }
  // A short cluster: flags until one that takes a value, which takes the rest
  // of the token (`-rreq.txt`) or, if nothing is left, the next token.
  const hits: Hit[] = [];
  for (let c = 1; c < token.length; c++) {
    const def = table.short.get(token[c]!);
    if (!def) return { hits: [], next: i + 1, dangling: false };
    if (!def.takesValue) {
      hits.push(hit(def, null, i, i + 1, c));
      // optparse runs each letter's action in turn: `-h` prints help and
      // exits there, so `-hZ` is help, not an unknown -Z.
      if (def.dest === 'help') break;
      continue;
    }
    if (c + 1 < token.length) hits.push(hit(def, token.slice(c + 1), i, i + 1, c));
    else if (i + 1 < argv.length) hits.push(hit(def, argv[i + 1]!, i, i + 2, c));
    else return { hits: [], next: i + 1, dangling: true };
    break;
  }
  if (hits.length > 1) {
    for (const { opt } of hits) opt.clustered = true;
  } else {
    delete hits[0]!.opt.charIndex;
  }
  return { hits, next: hits[hits.length - 1]!.opt.end, dangling: false };
}

function hit(
  def: OptionDef,
  value: string | null,
  start: number,
  end: number,
  charIndex?: number,
): Hit {
  const opt: ParsedOption = { name: def.name, dest: def.dest, value, start, end, clustered: false };
  if (charIndex !== undefined) opt.charIndex = charIndex;
  return { opt, def };
}
