import { applied, refuse, ruleFor } from '../draft.js';
import { neutraliseUser } from '../neutralise-user.js';
import type { Situation } from './situation.js';

/**
 * 1. User mode inside a venv without system site-packages. pip refuses:
 * "Can not perform a '--user' install. User site-packages are not visible in
 * this virtualenv." (pip/_internal/commands/install.py decide_user_install).
 */
export function userInVenv(s: Situation): void {
  const { interp, user, config, draft } = s;
  if (s.subcommand !== 'install' || user.value !== true) return;
  if (interp.envKind !== 'venv' || interp.includeSystemSitePackages === true) return;
  const rule = ruleFor(config, 'userInVenv');
  const at = { prefix: interp.prefix, from: user.source };
  if (rule.action === 'pip') return;
  if (rule.action === 'refuse') {
    refuse(draft, config, 'userInVenv', { kind: 'user-in-venv', ...at }, [{ kind: 'drop-user' }]);
    return;
  }
  neutraliseUser(s);
  applied(draft, config, 'userInVenv', 'env', { kind: 'user-ignored-in-venv', ...at });
}
