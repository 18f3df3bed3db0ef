import type { UserOff } from '../reason.js';
import type { Situation } from './situations/situation.js';

/**
 * Turn user mode off for a plan that installs into an env: drop `--user`
 * from argv, and beat every spelling pip reads from the environment and its
 * config files. pip applies PIP_* variables after all config files, and
 * within them the last one in os.environ wins, so PIP_NO_USER=1 (which pip
 * stores as user = True) or a lower-case PIP_user could beat our PIP_USER=0:
 * every other such variable is unset. Returns who had turned user mode on
 * (for the reason and the notice), or null when it was not on.
 */
export function neutraliseUser(s: Situation): UserOff | null {
  if (s.user.value !== true) return null;
  const { draft, facts } = s;
  if (s.user.source?.kind === 'argv') draft.removeUser = true;
  if (facts.pipSettings.user?.value === true) {
    // pip parses PIP_USER with strtobool: "0" is an explicit non-user install.
    draft.envSet.PIP_USER = '0';
    for (const name of facts.pipSettings.userVars ?? []) {
      if (name !== 'PIP_USER' && !draft.envUnset.includes(name)) draft.envUnset.push(name);
    }
  }
  draft.userOff = { from: s.user.source };
  return draft.userOff;
}
