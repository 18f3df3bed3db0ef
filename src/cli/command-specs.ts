/**
 * One table for pipwarden's own commands: the parser of each command's flags
 * (split-args.ts), `--help`, the did-you-mean for a mistyped command, and the
 * README's command table (a test checks the README lists exactly these
 * flags) all read it, so a flag --help lists is a flag the command accepts.
 */
export interface FlagSpec {
  /** `--json`, or `--dir` for a flag that takes a value. */
  flag: string;
  /** Placeholder for a valued flag (`DIR`); absent for a switch. */
  value?: string;
  help: string;
  /** For an operandsFirst command: the actions that take the flag (`clean`); absent means all. */
  for?: readonly string[];
}

export interface CommandSpec {
  name: string;
  /** What follows the flags, e.g. `-- <pip …|python -m pip …>`. */
  operands: string;
  summary: string;
  flags: FlagSpec[];
  /** Subcommand style: `user <list|clean> [flags]`. */
  operandsFirst?: boolean;
  /** The actions of an operandsFirst command (`list`, `clean`); each parses as `user clean`. */
  actions?: readonly string[];
  /** Internal commands (the shims' entry) stay out of the usage listing. */
  hidden?: boolean;
}

const JSON_FLAG: FlagSpec = { flag: '--json', help: 'print the same content as JSON on stdout' };
const SET: FlagSpec = {
  flag: '--set',
  value: 'KEY=VALUE',
  help: 'a config value for this call only, above every file (repeatable; org locks hold)',
};
const QUIET: FlagSpec = {
  flag: '--quiet',
  help: "silence pipwarden's notices (refusals still print)",
};

export const COMMAND_SPECS: readonly CommandSpec[] = [
  {
    name: 'explain',
    operands: '-- <pip …|python -m pip …>',
    summary: 'print the plan, run nothing',
    flags: [JSON_FLAG, SET],
  },
  {
    name: 'run',
    operands: '-- <pip …|python -m pip …>',
    summary: 'carry the plan out (exit code and signals passed on)',
    flags: [QUIET, SET],
  },
  {
    name: 'init',
    operands: '<bash|zsh|fish|sh>',
    summary: 'print shell integration code; makes the shims if there are none',
    flags: [
      {
        flag: '--write',
        help: 'write the static init files the rc line sources, and print their paths',
      },
      {
        flag: '--ci',
        help: "in a CI job: the shims first on PATH for its later steps ($GITHUB_PATH, CircleCI's $BASH_ENV); prints an sh file to source (GitLab: before_script). Runner: github, gitlab or circleci, else detected",
      },
    ],
  },
  {
    name: 'rehash',
    operands: '[NAME…]',
    summary: '(re)write the shims, or remove them',
    flags: [
      { flag: '--dir', value: 'DIR', help: 'the shim dir (default: the per-user one)' },
      { flag: '--remove', help: 'delete the shims and the shim dir' },
      {
        flag: '--follow',
        help: 'only write follow shims for NAME… (on this PATH, no shim yet); the prompt hook runs it',
      },
    ],
  },
  {
    name: 'completion',
    operands: '<bash|zsh|fish>',
    summary: 'print a completion script for pipwarden',
    flags: [],
  },
  {
    name: 'config',
    operands: '',
    summary: 'show the merged config, where each value came from, and its lock',
    flags: [JSON_FLAG],
  },
  {
    name: 'config validate',
    operands: '[FILE]',
    summary: 'check a config file for an org CI (exit 0 valid, 78 invalid)',
    flags: [{ flag: '--strict', help: 'warnings (unknown keys) count as failures too' }],
  },
  {
    name: 'trust',
    operands: '[PATH]',
    summary: 'let a project config file run code or name programs (keyed on its content)',
    flags: [{ flag: '--revoke', help: 'take the trust back' }],
  },
  {
    name: 'doctor',
    operands: '',
    summary: 'what pip install will do here, and every problem with its fix',
    flags: [JSON_FLAG],
  },
  {
    name: 'user',
    operands: '<list|clean>',
    operandsFirst: true,
    actions: ['list', 'clean'],
    summary: 'what user installs left (user site, disposable base), and remove it',
    flags: [
      {
        flag: '--python',
        value: 'X',
        help: 'the interpreter whose user site to use (default python3)',
      },
      { flag: '--dry-run', help: 'say what would go, remove nothing', for: ['clean'] },
      { flag: '--yes', help: 'no confirmation (needed without a terminal)', for: ['clean'] },
      { ...JSON_FLAG, for: ['list'] },
    ],
  },
  {
    name: 'setup',
    operands: '',
    summary: 'what ./install.sh does, for an npm install: shims, init files, rc lines',
    flags: [
      { flag: '--yes', help: 'change rc files without asking (for scripts)' },
      { flag: '--no-modify-rc', help: 'leave ~/.bashrc, ~/.zshrc and config.fish alone' },
      {
        flag: '--bin-dir',
        value: 'DIR',
        help: 'where the pipwarden command goes (default ~/.local/bin)',
      },
      { flag: '--uninstall', help: 'remove what setup put there; list what it kept' },
      {
        flag: '--purge',
        help: 'with --uninstall: remove trust records, audit log and answers too',
      },
      { flag: '--system', help: 'for every user (as root): ./install.sh --system' },
      {
        flag: '--preset',
        value: 'NAMES',
        help: 'with --system: org policy presets, comma-separated (default venv-only)',
      },
      {
        flag: '--audit-file',
        value: 'PATH',
        help: 'with --system: a shared audit file every user appends to',
      },
      { flag: '--syslog', help: 'with --system: send audit records to syslog/journald too' },
      {
        flag: '--prefix',
        value: 'DIR',
        help: 'with --system: where pipwarden goes (default /usr/local)',
      },
    ],
  },
  {
    name: 'org apply',
    operands: '',
    summary:
      "the org policy at pip's own level: EXTERNALLY-MANAGED markers, /etc/pip.conf (as root)",
    flags: [
      {
        flag: '--check',
        help: 'change nothing; one line per uncovered interpreter (exit 0 covered, 79 not)',
      },
      { flag: '--undo', help: 'remove exactly what org apply wrote, where unchanged since' },
    ],
  },
  {
    name: 'shell-plan',
    operands: '-- <args…>',
    summary: "the shims' entry: the plan as sh",
    flags: [
      { flag: '--real', value: 'PATH', help: 'the real executable' },
      { flag: '--name', value: 'NAME', help: 'the name the user typed' },
    ],
    hidden: true,
  },
];

export function specFor(name: string): CommandSpec | undefined {
  return COMMAND_SPECS.find((s) => s.name === name);
}

/**
 * The spec of `name` as it is parsed: `config validate` is a spec of its own;
 * `user clean` is the `user` spec with only the flags its action takes.
 */
export function parsedSpec(name: string): CommandSpec | undefined {
  const own = specFor(name);
  if (own) return own;
  const space = name.lastIndexOf(' ');
  const parent = space === -1 ? undefined : specFor(name.slice(0, space));
  const action = name.slice(space + 1);
  if (!parent?.actions?.includes(action)) return undefined;
  return {
    ...parent,
    name,
    operands: '',
    operandsFirst: false,
    actions: [],
    flags: parent.flags.filter((f) => f.for === undefined || f.for.includes(action)),
  };
}

/** The switches and the valued flags `name` accepts, as its parser reads them. */
export function flagsOf(name: string): { switches: string[]; valued: string[] } {
  const spec = parsedSpec(name);
  if (!spec) throw new Error(`no command spec for "${name}"`);
  return {
    switches: spec.flags.filter((f) => !f.value).map((f) => f.flag),
    valued: spec.flags.filter((f) => f.value).map((f) => f.flag),
  };
}

/** `rehash [--dir DIR] [--remove]` */
export function synopsis(spec: CommandSpec): string {
  const flags = spec.flags.map((f) => `[${f.flag}${f.value ? ` ${f.value}` : ''}]`);
  const parts = spec.operandsFirst ? [spec.operands, ...flags] : [...flags, spec.operands];
  return [spec.name, ...parts].filter(Boolean).join(' ');
}

export function commandHelp(spec: CommandSpec): string {
  const lines = [`usage: pipwarden ${synopsis(spec)}`, '', spec.summary];
  const width = Math.max(...spec.flags.map((f) => label(f).length), 10);
  if (spec.flags.length) {
    lines.push('', 'options:');
    for (const f of spec.flags) {
      const only = spec.operandsFirst && f.for ? `${f.for.join(', ')}: ` : '';
      lines.push(`  ${label(f).padEnd(width)}  ${only}${f.help}`);
    }
  } else lines.push('', 'options:');
  lines.push(`  ${'-h, --help'.padEnd(width)}  show this help`);
  return `${lines.join('\n')}\n`;
}

function label(f: FlagSpec): string {
  return f.value ? `${f.flag} ${f.value}` : f.flag;
}

export function usage(): string {
  const shown = COMMAND_SPECS.filter((s) => !s.hidden);
  const width = Math.max(...shown.map((s) => synopsis(s).length));
  const rows = shown.map((s) => `  ${synopsis(s).padEnd(width)}  ${s.summary}`);
  return `usage: pipwarden <command> [options]\n\ncommands:\n${rows.join('\n')}\n\npipwarden <command> --help shows a command's options.\n`;
}

/** Whether our own args (before `--` or the user's command) ask for help. */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--' || !a.startsWith('-')) return false;
    if (a === '-h' || a === '--help') return true;
  }
  return false;
}
