import { stepText } from '../../render/next-steps.js';
import { applied, refuse, ruleFor } from '../draft.js';
import { makeVenv } from '../hints.js';
import type { Situation } from './situation.js';

/**
 * 6. `sudo pip install` outside an env: root-owned files in the system
 * prefix. Only when pip really installs there: once the plan points pip at
 * an env (its own pip, `--python`, or a venv), the system prefix is not
 * where files land.
 */
export function sudo(s: Situation): void {
  const { facts, interp, config, draft } = s;
  if (!facts.user.isRoot || facts.user.sudoUser === null) return;
  if (interp.envKind !== 'system') return;
  if (draft.runner.kind !== 'original' || draft.pythonOption !== null) return;
  const rule = ruleFor(config, 'sudo');
  const what = `running pip as root via sudo (SUDO_USER=${facts.user.sudoUser}) writes root-owned files into ${interp.prefix}`;
  if (rule.action === 'refuse') {
    refuse(draft, config, 'sudo', what, [makeVenv(facts, { withoutSudo: true })]);
    return;
  }
  applied(draft, config, 'sudo', 'pip', `${what}. Next: ${stepText(makeVenv(facts))}`, 'warning');
}
