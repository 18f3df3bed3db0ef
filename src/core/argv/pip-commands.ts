import {
  BUILD_OPTIONS,
  CONFIG_SETTINGS_OPTIONS,
  INDEX_OPTIONS,
  type OptionRow,
  RELEASE_CONTROL_OPTIONS,
  TARGET_PYTHON_OPTIONS,
} from './pip-options.js';

/** One entry of pip's commands_dict, with the pip releases it exists in. */
export interface CommandRow {
  options: readonly OptionRow[];
  since?: string;
  until?: string;
  /**
   * Whether the command can change what is installed in an environment
   * (install, uninstall). Commands that only write files elsewhere (download,
   * wheel, lock, cache, config) do not.
   */
  changesEnv?: true;
}

/** cmdoptions.package_selection_group's additions of 26.0 to list and index. */
const BINARY_SELECTION: readonly OptionRow[] = [
  ['--no-binary', 'format_control', 1, '26.0'],
  ['--only-binary', 'format_control', 1, '26.0'],
  ['--prefer-binary', 'prefer_binary', 0, '26.0'],
];

const ROOT_USER_ACTION: OptionRow = ['--root-user-action', 'root_user_action', 1, '22.1'];
const BREAK_SYSTEM_PACKAGES: OptionRow = [
  '--break-system-packages',
  'override_externally_managed',
  0,
  '23.0.1',
];

/**
 * pip's subcommands (pip/_internal/commands/__init__.py: commands_dict) and
 * each one's cmd_opts. pip has no aliases: main_parser.parse_command looks the
 * name up exactly and only suggests a close match in its error.
 */
export const COMMANDS: Readonly<Record<string, CommandRow>> = {
  install: {
    changesEnv: true,
    options: [
      ...BUILD_OPTIONS,
      ...INDEX_OPTIONS,
      ...TARGET_PYTHON_OPTIONS,
      ...CONFIG_SETTINGS_OPTIONS,
      ['-e --editable', 'editables', 1],
      ['--dry-run', 'dry_run', 0, '22.2'],
      ['-t --target', 'target_dir', 1],
      ['--user', 'use_user_site', 0],
      // Hidden (SUPPRESS_HELP) but real: store_false into the same dest as --user.
      ['--no-user', 'use_user_site', 0],
      ['--root', 'root_path', 1],
      ['--prefix', 'prefix_path', 1],
      ['-U --upgrade', 'upgrade', 0],
      ['--upgrade-strategy', 'upgrade_strategy', 1],
      ['--force-reinstall', 'force_reinstall', 0],
      ['-I --ignore-installed', 'ignore_installed', 0],
      ['--ignore-requires-python', 'ignore_requires_python', 0],
      BREAK_SYSTEM_PACKAGES,
      ['--install-option', 'install_options', 1, undefined, '23.1'],
      ['--compile', 'compile', 0],
      ['--no-compile', 'compile', 0],
      ['--no-warn-script-location', 'warn_script_location', 0],
      ['--no-warn-conflicts', 'warn_about_conflicts', 0],
      ROOT_USER_ACTION,
      ['--report', 'json_report_file', 1, '22.2'],
    ],
  },
  // EXPERIMENTAL in 25.1. It resolves with ignore_installed=True and writes
  // pylock.toml (-o, default ./pylock.toml, `-` for stdout); it installs and
  // removes nothing (pip/_internal/commands/lock.py, LockCommand.run), so it
  // changes no environment, like download and wheel.
  lock: {
    since: '25.1',
    options: [
      ['-o --output', 'output_file', 1],
      ...BUILD_OPTIONS.filter(([spellings]) => spellings !== '--global-option'),
      ...INDEX_OPTIONS,
      ...CONFIG_SETTINGS_OPTIONS,
      ['-e --editable', 'editables', 1],
      ['--ignore-requires-python', 'ignore_requires_python', 0],
    ],
  },
  download: {
    options: [
      ...BUILD_OPTIONS,
      ...INDEX_OPTIONS,
      ...TARGET_PYTHON_OPTIONS,
      ['-d --dest --destination-dir --destination-directory', 'download_dir', 1],
      ['--ignore-requires-python', 'ignore_requires_python', 0, '21.0'],
    ],
  },
  uninstall: {
    changesEnv: true,
    options: [
      ['-r --requirement', 'requirements', 1],
      ['-y --yes', 'yes', 0],
      ROOT_USER_ACTION,
      BREAK_SYSTEM_PACKAGES,
    ],
  },
  freeze: {
    options: [
      ['-r --requirement', 'requirements', 1],
      ['-f --find-links', 'find_links', 1, undefined, '21.2'],
      ['-l --local', 'local', 0],
      ['--user', 'user', 0],
      ['--path', 'path', 1, '19.2'],
      ['--all', 'freeze_all', 0],
      ['--exclude-editable', 'exclude_editable', 0],
      ['--exclude', 'excludes', 1, '20.3'],
    ],
  },
  inspect: {
    since: '22.2',
    options: [
      ['--local', 'local', 0],
      ['--user', 'user', 0],
      ['--path', 'path', 1],
    ],
  },
  list: {
    options: [
      ...INDEX_OPTIONS,
      ['-o --outdated', 'outdated', 0],
      ['-u --uptodate', 'uptodate', 0],
      ['-e --editable', 'editable', 0],
      ['-l --local', 'local', 0],
      ['--user', 'user', 0],
      ['--path', 'path', 1, '19.2'],
      ['--pre', 'pre', 0],
      ...RELEASE_CONTROL_OPTIONS,
      ...BINARY_SELECTION,
      ['--format', 'list_format', 1],
      ['--not-required', 'not_required', 0],
      ['--exclude-editable', 'include_editable', 0],
      ['--include-editable', 'include_editable', 0],
      ['--exclude', 'excludes', 1, '20.3'],
      ['--process-dependency-links', 'process_dependency_links', 0, undefined, '19.0'],
    ],
  },
  show: { options: [['-f --files', 'files', 0]] },
  check: { options: [] },
  config: {
    options: [
      ['--editor', 'editor', 1],
      ['--global', 'global_file', 0],
      ['--user', 'user_file', 0],
      ['--site', 'site_file', 0, '19.1'],
      ['--venv', 'venv_file', 0, undefined, '19.3'],
    ],
  },
  search: { options: [['-i --index', 'index', 1]] },
  cache: { since: '20.1', options: [['--format', 'list_format', 1, '20.3']] },
  index: {
    since: '21.2',
    options: [
      ...INDEX_OPTIONS,
      ...TARGET_PYTHON_OPTIONS,
      ['--pre', 'pre', 0],
      ...RELEASE_CONTROL_OPTIONS,
      ['--no-binary', 'format_control', 1],
      ['--only-binary', 'format_control', 1],
      ['--prefer-binary', 'prefer_binary', 0, '26.0'],
      ['--ignore-requires-python', 'ignore_requires_python', 0],
      // Absent in 24.2, present in 25.1.1 (`pip index versions --json`).
      ['--json', 'json', 0, '25.1'],
    ],
  },
  wheel: {
    options: [
      ...BUILD_OPTIONS,
      ...INDEX_OPTIONS,
      ...CONFIG_SETTINGS_OPTIONS,
      ['-w --wheel-dir', 'wheel_dir', 1],
      ['-e --editable', 'editables', 1],
      ['--ignore-requires-python', 'ignore_requires_python', 0],
      ['--no-verify', 'no_verify', 0, '20.3.4'],
      ['--build-option', 'build_options', 1, undefined, '25.3'],
    ],
  },
  hash: { options: [['-a --algorithm', 'algorithm', 1]] },
  completion: {
    options: [
      ['-b --bash', 'shell', 0],
      ['-z --zsh', 'shell', 0],
      ['-f --fish', 'shell', 0],
      ['-p --powershell', 'shell', 0, '22.1'],
    ],
  },
  debug: { since: '19.2', options: TARGET_PYTHON_OPTIONS },
  help: { options: [] },
};

/**
 * Whether `pip <name>` can change an installed environment: install and
 * uninstall. Unknown names answer false; pip rejects them before doing anything.
 */
export function commandChangesEnv(name: string): boolean {
  return Object.hasOwn(COMMANDS, name) && COMMANDS[name]?.changesEnv === true;
}
