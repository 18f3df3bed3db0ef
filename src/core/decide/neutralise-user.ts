import type { Situation } from './situations/situation.js';
import { describeSource } from './user-mode.js';

/**
 * Turn user mode off for a plan that installs into an env: drop `--user`
 * from argv, and beat every spelling pip reads from the environment and its
 * config files. pip applies PIP_* variables after all config files, and
 * within them the last one in os.environ wins, so PIP_NO_USER=1 (which pip
 * stores as user = True) or a lower-case PIP_user could beat our PIP_USER=0:
 * every other such variable is unset. Returns a clause for the notice.
 */
export function neutraliseUser(s: Situation): string {
  if (s.user.value !== true) return '';
  const { draft, facts } = s;
  if (s.user.source?.kind === 'argv') draft.removeUser = true;
  if (facts.pipSettings.user?.value === true) {
    // pip parses PIP_USER with strtobool: "0" is an explicit non-user install.
    draft.envSet.PIP_USER = '0';
    for (const name of facts.pipSettings.userVars ?? []) {
      if (name !== 'PIP_USER' && !draft.envUnset.includes(name)) draft.envUnset.push(name);
    }
  }
  const from = s.user.source ? describeSource(s.user.source) : '--user';
  draft.userOff = `; user mode (${from}) is turned off`;
  return `${draft.userOff}: the install goes into the env`;
}
