import type { Why } from '../../reason.js';
import { applied, refuse, ruleFor } from '../draft.js';
import { neutraliseUser } from '../neutralise-user.js';
import type { Situation } from './situation.js';

/**
 * 1. User mode inside a venv. Without system site-packages pip refuses:
 * "Can not perform a '--user' install. User site-packages are not visible in
 * this virtualenv." (pip/_internal/commands/install.py decide_user_install).
 * With --system-site-packages pip accepts it and writes to ~/.local, outside
 * the venv, where the base interpreter and its every such venv see it: the
 * install goes into the venv too (docs/config.md says why), unless the venv
 * is one this user cannot write, where the user site is all pip alone has.
 */
export function userInVenv(s: Situation): void {
  const { interp, user, config, draft } = s;
  if (s.subcommand !== 'install' || user.value !== true) return;
  if (interp.envKind !== 'venv') return;
  const systemSite = interp.includeSystemSitePackages === true;
  if (systemSite && !interp.sitePackagesWritable) return;
  const rule = ruleFor(config, 'userInVenv');
  const at = { prefix: interp.prefix, from: user.source };
  if (rule.action === 'pip') return;
  if (rule.action === 'refuse') {
    refuse(draft, config, 'userInVenv', { kind: 'user-in-venv', ...at }, [{ kind: 'drop-user' }]);
    return;
  }
  neutraliseUser(s);
  const why: Why = systemSite
    ? { kind: 'user-off-in-venv', ...at, userSite: interp.userSite }
    : { kind: 'user-ignored-in-venv', ...at };
  applied(draft, config, 'userInVenv', 'env', why);
}
