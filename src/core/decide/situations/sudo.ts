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
  const what = { kind: 'sudo', sudoUser: facts.user.sudoUser, prefix: interp.prefix } as const;
  if (rule.action === 'refuse') {
    const why = { ...what, next: null };
    refuse(draft, config, 'sudo', why, [makeVenv(facts, { withoutSudo: true })]);
    return;
  }
  applied(draft, config, 'sudo', 'pip', { ...what, next: makeVenv(facts) }, 'warning');
}
