import type { ExplicitLocation } from '../../location.js';
import { applied, ruleFor } from '../draft.js';
import { neutraliseUser } from '../neutralise-user.js';
import type { Situation } from './situation.js';

/**
 * 1c. User mode from the environment or a pip.conf (`PIP_USER=1`,
 * `user = true`) meets `--target` or `--prefix` on the command line. pip
 * refuses the pair: "Can not combine '--user' and '--target'" (and
 * '--prefix'; pip/_internal/commands/install.py, pip 18 to 26), so a
 * setting made once for every install turns each call that names its own
 * place into a failure. The place typed on this command line is the later,
 * narrower wish: user mode is turned off for this call, said in one line.
 * `--user` typed on the same line as `--target` is left to pip: the user
 * asked for both, and pip's error names both. `--root` combines with user
 * mode in pip, so it is not a conflict.
 */
export function userWithLocation(s: Situation, location: ExplicitLocation): void {
  const { user, config, draft } = s;
  if (s.subcommand !== 'install' || user.value !== true) return;
  if (user.source === null || user.source.kind === 'argv') return;
  if (location.source.kind !== 'argv' || location.kind === 'root') return;
  if (ruleFor(config, 'userWithLocation').action === 'pip') return;
  neutraliseUser(s);
  draft.location = location;
  applied(draft, config, 'userWithLocation', 'location', {
    kind: 'user-off-for-location',
    location,
    from: user.source,
  });
}
