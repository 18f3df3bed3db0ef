/**
 * The argv models. A parse never loses a byte: every token keeps its index in
 * the original argv, so a rewrite touches only the tokens the policy names and
 * everything else is rendered back exactly as the user typed it.
 */

/** One option occurrence, as pip's optparse would see it. */
export interface ParsedOption {
  /** Canonical long name with dashes (`--requirement`), or the short one when it has no long form. */
  name: string;
  /** optparse `dest`, e.g. `use_user_site` for both --user and --no-user. */
  dest: string;
  /** The option's value, or null for flags. */
  value: string | null;
  /** Index of the first argv token of this occurrence. */
  start: number;
  /** Index one past its last token (2 tokens for `--opt value`). */
  end: number;
  /**
   * True when this occurrence shares a token with other options
   * (a short cluster such as `-qU`), so it cannot be removed on its own.
   */
  clustered: boolean;
  /** For a clustered occurrence: the index of its letter in `argv[start]` (`-qU` → 2 for -U). */
  charIndex?: number;
}

export interface PipInvocation {
  /** The argv after the program name, untouched. */
  argv: string[];
  /** Options pip treats as general (before or, except --python, after the subcommand). */
  globals: ParsedOption[];
  /** Canonical subcommand name (`install`), or null (`pip --version`, `pip`). */
  subcommand: string | null;
  /** Index of the subcommand token in argv, or -1. */
  subcommandIndex: number;
  /** Options of the subcommand. */
  options: ParsedOption[];
  /** Positional arguments, including everything after `--`. */
  positionals: string[];
  /**
   * General options pip parses after the subcommand but will not act on:
   * `--python` there is rejected by pip ≥23.2 and silently ignored by 22.3–23.1
   * (only pip's main parser, before the subcommand, re-executes under it).
   */
  misplaced: ParsedOption[];
  /**
   * Where new general options go: the subcommand's index, or the `--` before
   * it, or where pip's main parser stopped (argv.length without a subcommand).
   */
  globalEnd: number;
  /**
   * Where options appended to the subcommand go so that they come last (and
   * win): before the `--` that ends options, before a trailing option still
   * waiting for its value, else argv.length.
   */
  optionsEnd: number;
  /**
   * Set when pip's parse_command, removing the FIRST token equal to the
   * subcommand (`cmd_args.remove(name)`), drops an earlier option value
   * instead (`pip --log install -v install x`): the index of the token pip's
   * main parser stopped at. The parse follows pip's command parser; removing
   * an option then changes how the tokens around it are read, so
   * removeOptions is not exact for such an argv.
   */
  shadowedSubcommandIndex?: number;
  /**
   * Tokens the model could not classify (unknown option, unknown subcommand);
   * they are passed through for pip to judge.
   */
  unknown: string[];
}

/** Flags of python's own command line that matter to pip, as in effect. */
export interface PythonFlags {
  /** -I: isolated (implies -E and -s). */
  isolated: boolean;
  /** -E: ignore PYTHON* variables (also true under -I). */
  ignoreEnvironment: boolean;
  /** -s: no user site (also true under -I). */
  noUserSite: boolean;
  /** -S: site is not imported (no site-packages on sys.path; a venv's python keeps its base sys.prefix). */
  noSite?: boolean;
  /** -P (3.11+) or -I: the cwd (or the script's dir) is not put first on sys.path. */
  safePath?: boolean;
}

export interface PythonInvocation {
  argv: string[];
  flags: PythonFlags;
  /** -S: site is not imported, so site-packages (and pip) are not on sys.path. */
  noSite?: boolean;
  /** Module run with -m, or null (script, -c, REPL…). */
  module: string | null;
  /** Index in argv of the token holding the module name (`-m` `pip` → index of `pip`; `-mpip` → its own index). */
  moduleIndex: number;
  /** Tokens before the -m token (interpreter options), byte for byte. */
  interpreterArgs: string[];
  /** The module's arguments (for pip: pip's own argv). */
  moduleArgs: string[];
  /**
   * Set when python stops before running anything: `help` (-h, -?, --help,
   * --help-*), `version` (-V/--version, even before -m), or `error` (an
   * unknown option or a missing argument: usage and exit 2). module is null then.
   */
  exitsEarly: 'help' | 'version' | 'error' | null;
}
