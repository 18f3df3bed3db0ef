import type { Why } from '../../reason.js';
import { applied, refuse, ruleFor } from '../draft.js';
import { neutraliseUser } from '../neutralise-user.js';
import { samePrefix } from '../same-path.js';
import type { Situation } from './situation.js';

/**
 * 1b. User mode inside the active conda or pixi env. Such an env is a whole
 * interpreter, not a venv: pip accepts `--user` there and writes to
 * ~/.local, which every env of that Python then sees (conda/conda#7173,
 * prefix-dev/pixi#2859). The install goes into the env instead, as in a venv.
 * conda's base env is left alone unless `condaBase` makes it a target: user
 * mode there keeps base clean, as conda's docs ask (conda/conda#7424).
 */
export function userInCondaEnv(s: Situation): void {
  const { facts, interp, user, config, draft } = s;
  if (s.subcommand !== 'install' || user.value !== true) return;
  const env = facts.activeEnv;
  if (!env || env.kind === 'venv' || interp.envKind === 'venv') return;
  if (!samePrefix(env, interp)) return;
  if (env.isCondaBase && !config.config.condaBase) return;
  // A shared env this user cannot write: the user site is the one place
  // pip alone can install, so it is left to pip.
  if (!interp.sitePackagesWritable) return;
  const rule = ruleFor(config, 'userInCondaEnv');
  if (rule.action === 'pip') return;
  const at = { envKind: env.kind, prefix: env.prefix };
  if (rule.action === 'refuse') {
    const why: Why = {
      kind: 'user-in-conda-env',
      ...at,
      userSite: interp.userSite,
      from: user.source,
    };
    refuse(draft, config, 'userInCondaEnv', why, [{ kind: 'drop-user', envKind: env.kind }]);
    return;
  }
  const userOff = neutraliseUser(s) ?? { from: user.source };
  applied(draft, config, 'userInCondaEnv', 'env', {
    kind: 'user-off-in-conda-env',
    ...at,
    userOff,
  });
}
