/**
 * pip's option definitions as data, transcribed from pip's own
 * pip/_internal/cli/cmdoptions.py and commands/*.py (checked against pip
 * 18.1, 19.2.3, 22.0.4, 23.0.1, 23.2.1, 24.2, 25.1.1, 25.3 and 26.2.1 by
 * test/pip-parser-diff.test.ts).
 *
 * A row is `[spellings, dest, takesValue, since?, until?]`:
 * - spellings: every option string, space-separated, in pip's order; the
 *   first long one is the canonical name (`--log --log-file --local-log`);
 * - dest: optparse's `dest` (several options share one, e.g. `use_user_site`);
 * - takesValue: 1 when optparse consumes an argument (store, append, or a
 *   callback with a `type`), 0 for store_true/false, count, store_const,
 *   help and type-less callbacks;
 * - since/until: the pip releases the row holds for, [since, until). Versions
 *   between the ones on disk come from pip's NEWS.rst; where NEWS is silent
 *   the bound is the first release on disk that has the option, said so in a
 *   comment (26.0 and 26.1 were not checked against source).
 */
export type OptionRow = readonly [
  spellings: string,
  dest: string,
  takesValue: 0 | 1,
  since?: string,
  until?: string,
];

/** cmdoptions.general_group: accepted before the subcommand and by every command. */
export const GENERAL_OPTIONS: readonly OptionRow[] = [
  ['-h --help', 'help', 0],
  ['--debug', 'debug_mode', 0, '21.3'],
  ['--isolated', 'isolated_mode', 0],
  ['--require-virtualenv --require-venv', 'require_venv', 0],
  // pip ≥22.3 (NEWS #11320); main_parser.parse_command re-executes pip under it.
  ['--python', 'python', 1, '22.3'],
  ['-v --verbose', 'verbose', 0],
  ['-V --version', 'version', 0],
  ['-q --quiet', 'quiet', 0],
  ['--log --log-file --local-log', 'log', 1],
  ['--no-input', 'no_input', 0],
  ['--keyring-provider', 'keyring_provider', 1, '23.1'],
  ['--proxy', 'proxy', 1],
  // Absent in 25.3, present in 26.2.1; NEWS 26.0 and 26.1 do not list it.
  ['--no-proxy-env', 'no_proxy_env', 0, '26.2'],
  ['--retries', 'retries', 1],
  ['--timeout --default-timeout', 'timeout', 1],
  ['--exists-action', 'exists_action', 1],
  ['--trusted-host', 'trusted_hosts', 1],
  ['--cert', 'cert', 1],
  ['--client-cert', 'client_cert', 1],
  ['--cache-dir', 'cache_dir', 1],
  ['--no-cache-dir', 'cache_dir', 0],
  ['--disable-pip-version-check', 'disable_pip_version_check', 0],
  ['--no-color', 'no_color', 0],
  // Hidden (SUPPRESS_HELP) since 25.1 but still parsed as a no-op (NEWS #13303).
  ['--no-python-version-warning', 'no_python_version_warning', 0, '20.0'],
  ['--use-feature', 'features_enabled', 1, '20.2'],
  ['--use-deprecated', 'deprecated_features_enabled', 1, '20.3'],
  ['--skip-requirements-regex', 'skip_requirements_regex', 1, undefined, '20.1'],
  ['--unstable-feature', 'unstable_features', 1, '20.1', '20.3'],
  ['--resume-retries', 'resume_retries', 1, '25.1'],
];

/** cmdoptions.index_group (install, download, wheel, lock, list, index). */
export const INDEX_OPTIONS: readonly OptionRow[] = [
  ['-i --index-url --pypi-url', 'index_url', 1],
  ['--extra-index-url', 'extra_index_urls', 1],
  ['--no-index', 'no_index', 0],
  // NEWS 26.2 (#13680): caching indexes hide new uploads unless refreshed.
  ['--refresh-package', 'refresh_package', 1, '26.2'],
  ['-f --find-links', 'find_links', 1],
  // NEWS 26.0 (#13625).
  ['--uploaded-prior-to', 'uploaded_prior_to', 1, '26.0'],
];

/** --all-releases/--only-final (NEWS 26.0, #13221): part of cmdoptions.package_selection_group. */
export const RELEASE_CONTROL_OPTIONS: readonly OptionRow[] = [
  ['--all-releases', 'release_control', 1, '26.0'],
  ['--only-final', 'release_control', 1, '26.0'],
];

/** cmdoptions.add_target_python_options; --platform/--abi became `append` in 20.3. */
export const TARGET_PYTHON_OPTIONS: readonly OptionRow[] = [
  ['--platform', 'platform', 1, undefined, '20.3'],
  ['--platform', 'platforms', 1, '20.3'],
  ['--python-version', 'python_version', 1],
  ['--implementation', 'implementation', 1],
  ['--abi', 'abi', 1, undefined, '20.3'],
  ['--abi', 'abis', 1, '20.3'],
];

/**
 * Options shared by install, download and wheel (and, but for
 * --global-option, lock). -b/--build was removed in 20.3, restored as a no-op
 * in 20.3.1 and removed for good in 21.3. 25.3 removed --global-option and
 * --no-use-pep517 and hid --use-pep517 (a no-op since PEP 517 is always used).
 */
export const BUILD_OPTIONS: readonly OptionRow[] = [
  ['-b --build --build-dir --build-directory', 'build_dir', 1, undefined, '20.3'],
  ['-b --build --build-dir --build-directory', 'build_dir', 1, '20.3.1', '21.3'],
  ['--src --source --source-dir --source-directory', 'src_dir', 1],
  ['--no-build-isolation', 'build_isolation', 0],
  ['--use-pep517', 'use_pep517', 0, '19.0'],
  ['--no-use-pep517', 'use_pep517', 0, '19.0', '25.3'],
  ['--check-build-dependencies', 'check_build_deps', 0, '22.1.1'],
  ['--no-binary', 'format_control', 1],
  ['--only-binary', 'format_control', 1],
  ['--prefer-binary', 'prefer_binary', 0],
  ['-c --constraint', 'constraints', 1],
  ['--build-constraint', 'build_constraints', 1, '25.3'],
  ['-r --requirement', 'requirements', 1],
  // NEWS 26.0 (#12891): PEP 723 inline script metadata.
  ['--requirements-from-script', 'requirements_from_scripts', 1, '26.0'],
  ['--no-deps --no-dependencies', 'ignore_dependencies', 0],
  // Absent in 25.3, present in 26.2.1; pip's git log puts #13895 in the 26.2 cycle.
  ['--only-deps --only-dependencies', 'only_dependencies', 0, '26.2'],
  // PEP 735 dependency groups (NEWS 25.1).
  ['--group', 'dependency_groups', 1, '25.1'],
  ['--pre', 'pre', 0],
  ...RELEASE_CONTROL_OPTIONS,
  ['--global-option', 'global_options', 1, undefined, '25.3'],
  ['--require-hashes', 'require_hashes', 0],
  // Absent in 25.3, present in 26.2.1 (a 26.2 feature).
  ['--no-require-hashes', 'no_require_hashes', 0, '26.2'],
  ['--progress-bar', 'progress_bar', 1],
  ['--no-clean', 'no_clean', 0],
  ['--process-dependency-links', 'process_dependency_links', 0, undefined, '19.0'],
];

/** --config-settings arrived in 22.1 (install, wheel); its -C short form in 23.1. */
export const CONFIG_SETTINGS_OPTIONS: readonly OptionRow[] = [
  ['--config-settings', 'config_settings', 1, '22.1', '23.1'],
  ['-C --config-settings', 'config_settings', 1, '23.1'],
];
