import type { UserOff } from '../reason.js';
import type { Situation } from './situations/situation.js';

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
 * `--user`/`--no-user` wins). Returns who had turned user mode on (for the
 * reason and the notice), or null when it was not on.
 */
export function neutraliseUser(s: Situation): UserOff | null {
  if (s.user.value !== true) return null;
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
  draft.userOff = { from: s.user.source };
  return draft.userOff;
}

/** pip's own test: the exact token `--isolated` among its arguments (pip/_internal/cli/main.py). */
function isolated(s: Situation): boolean {
  return s.inv.argv.includes('--isolated');
}

/**
 * A plan that points pip at an interpreter but leaves user mode on (the
 * user's config says so, or no env is involved): the install goes to that
 * interpreter's user site, and the notice must say so. Returns who asked for
 * user mode, or null when it is not on.
 */
export function keepUser(s: Situation): UserOff | null {
  if (s.user.value !== true) return null;
  s.draft.userKept = { from: s.user.source };
  return s.draft.userKept;
}
