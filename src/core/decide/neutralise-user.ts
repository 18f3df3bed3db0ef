import type { Situation } from './situations/situation.js';
import { describeSource } from './user-mode.js';

/**
 * Turn user mode off for a plan that installs into an env: drop `--user`
 * from argv, and beat every spelling pip reads from the environment and its
 * config files. pip applies PIP_* variables after all config files, and
 * within them the last one in os.environ wins, so PIP_NO_USER=1 (which pip
 * stores as user = True) or a lower-case PIP_user could beat our PIP_USER=0:
 * every other such variable is unset. Under `--isolated` pip reads no PIP_*
 * variable at all, yet still reads the file PIP_CONFIG_FILE names, the
 * global and the site files (pip/_internal/configuration.py, `load` and
 * `iter_config_files`, pip 18 to 26): only the command line beats those,
 * so `--no-user` goes on it (every pip since 18 has it; the last of
 * `--user`/`--no-user` wins). Returns a clause for the notice.
 */
export function neutraliseUser(s: Situation): string {
  if (s.user.value !== true) return '';
  const { draft, facts } = s;
  if (s.user.source?.kind === 'argv') draft.removeUser = true;
  if (facts.pipSettings.user?.value === true) {
    if (isolated(s)) {
      draft.addNoUser = true;
    } else {
      // pip parses PIP_USER with strtobool: "0" is an explicit non-user install.
      draft.envSet.PIP_USER = '0';
      for (const name of facts.pipSettings.userVars ?? []) {
        if (name !== 'PIP_USER' && !draft.envUnset.includes(name)) draft.envUnset.push(name);
      }
    }
  }
  const from = s.user.source ? describeSource(s.user.source) : '--user';
  draft.userOff = `; user mode (${from}) is turned off`;
  return `${draft.userOff}: the install goes into the env`;
}

/** pip's own test: the exact token `--isolated` among its arguments (pip/_internal/cli/main.py). */
function isolated(s: Situation): boolean {
  return s.inv.argv.includes('--isolated');
}

/**
 * The clause for a plan that points pip at an interpreter but leaves user
 * mode on (the user's config says so, or no env is involved): the install
 * goes to that interpreter's user site, and the notice must say so.
 */
export function keepUser(s: Situation): string {
  if (s.user.value !== true) return '';
  s.draft.userKept = true;
  const from = s.user.source ? describeSource(s.user.source) : '--user';
  return `; user mode (${from}) stays on: the install goes into that interpreter's user site`;
}
