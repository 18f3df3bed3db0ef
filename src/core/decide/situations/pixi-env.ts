import type { ActiveEnv } from '../../facts.js';
import type { PixiDid, Why } from '../../reason.js';
import { applied, refuse, ruleFor } from '../draft.js';
import { type PixiMiss, pixiSpecs } from '../pixi-specs.js';
import type { Situation } from './situation.js';

/**
 * 7. pip is about to install into (or uninstall from) a pixi env. pixi's
 * lock file does not record it, and the next `pixi install`, `run` or `add`
 * may undo it (prefix-dev/pixi#1233, #3735): say so, or, with
 * `onPixiEnv: pixi-add`, run `pixi add --pypi <names>` in the active pixi
 * project instead, when that says exactly what the call says. Runs last,
 * once every other situation has chosen the target: an install that still
 * goes to the user site, or was refused, is not the env's.
 */
export function pixiEnv(s: Situation): boolean {
  const { facts, interp, config, draft, inv } = s;
  if (draft.refusal || draft.addUser || draft.envSet.PYTHONUSERBASE !== undefined) return false;
  if (s.user.value === true && draft.userOff === null) return false;
  const dry = inv.options.some((o) => o.dest === 'dry_run') || facts.pipSettings.dryRun?.value;
  if (dry) return false;
  const env = facts.activeEnv;
  const intoActive = env !== null && pointsAtEnv(s, env);
  const kind = intoActive ? env.kind : interp.envKind;
  if (kind !== 'pixi') return false;
  const prefix = intoActive ? env.prefix : interp.prefix;
  const subcommand = s.subcommand === 'uninstall' ? 'uninstall' : 'install';
  const rule = ruleFor(config, 'pixiEnv');
  const specs = pixiSpecs(inv, facts.pipSettings);
  const names = Array.isArray(specs) ? specs : null;
  const what = (did: PixiDid): Why => ({ kind: 'pixi-env', prefix, subcommand, did });
  if (rule.action === 'refuse') {
    refuse(draft, config, 'pixiEnv', what({ kind: 'refused' }), [
      { kind: 'pixi-add', specs: names },
    ]);
    return true;
  }
  const active = env !== null && (intoActive || sameEnv(env, interp.prefix)) ? env : null;
  const miss = rule.action === 'pixi-add' ? whyNotPixi(specs, active, prefix) : null;
  const pixi = active?.pixi;
  if (
    rule.action === 'pixi-add' &&
    miss === null &&
    names &&
    pixi?.exe &&
    pixi.root &&
    pixi.manifest
  ) {
    const runner = {
      kind: 'pixi',
      exe: pixi.exe,
      root: pixi.root,
      manifest: pixi.manifest,
      specs: names,
    } as const;
    draft.runner = runner;
    draft.pixi = { prefix, subcommand, miss: null, specs: names };
    applied(draft, config, 'pixiEnv', 'pixi-add', what({ ...runner, kind: 'pixi-add' }));
    return true;
  }
  draft.pixi = { prefix, subcommand, miss, specs: names };
  applied(draft, config, 'pixiEnv', 'pip', what({ kind: 'pip' }));
  return true;
}

/** The plan runs the active env's pip or python, or pip --python at it. */
function pointsAtEnv(s: Situation, env: ActiveEnv): boolean {
  const { draft, interp } = s;
  if (draft.pythonOption !== null) return draft.pythonOption === env.python;
  const r = draft.runner;
  if (r.kind === 'pip-script') return r.path === env.pip;
  if (r.kind === 'python') return r.python === env.python;
  return sameEnv(env, interp.prefix);
}

function sameEnv(env: ActiveEnv, prefix: string): boolean {
  return env.prefix === prefix || env.realPrefix === prefix;
}

/**
 * Why `pixi add` would not do what the call does, or null when it would:
 * an uninstall; then the project and pixi itself (without them the form
 * of the call does not matter); then the call's own form.
 */
function whyNotPixi(
  specs: string[] | PixiMiss,
  env: ActiveEnv | null,
  prefix: string,
): PixiMiss | null {
  if (!Array.isArray(specs) && specs.kind === 'uninstall') return specs;
  const pixi = env?.pixi;
  if (!pixi) return { kind: 'not-active', prefix };
  if (pixi.root === null) return { kind: 'no-project', variable: 'PIXI_PROJECT_ROOT' };
  if (pixi.manifest === null) return { kind: 'no-project', variable: 'PIXI_PROJECT_MANIFEST' };
  // pixi add writes the default feature and installs the default env.
  if (pixi.environment !== 'default') return { kind: 'environment', name: pixi.environment };
  if (pixi.exe === null) return { kind: 'no-pixi' };
  return Array.isArray(specs) ? null : specs;
}
