import type { UserSiteLeak } from '../../io/user-site/user-site-leak.js';
import type { Check } from './report.js';

/**
 * The user-site packages an active conda or pixi env imports, and how to
 * turn the user site off for that env alone: conda keeps per-env variables
 * (`conda env config vars set`), pixi reads `[activation.env]`.
 */
export function userSiteLeakCheck(leak: UserSiteLeak | null): Check[] {
  if (leak === null) return [];
  const { env, userSite, dists } = leak;
  const list = dists
    .map((d) =>
      d.shadows === null
        ? `${d.name} ${d.version}`
        : `${d.name} ${d.version} (hides the env's ${d.shadows})`,
    )
    .join(', ');
  const next =
    env.kind === 'pixi'
      ? 'add PYTHONNOUSERSITE = "1" under [activation.env] in the project manifest (pixi.toml), or export PYTHONNOUSERSITE=1 in this shell'
      : `conda env config vars set PYTHONNOUSERSITE=1 -p ${env.prefix} (then activate it again), or export PYTHONNOUSERSITE=1 in this shell`;
  return [
    {
      status: 'warn',
      what: `the active ${env.kind} env ${env.prefix} also imports ${dists.length} package(s) from the user site ${userSite}: ${list}`,
      next,
    },
  ];
}
