import type { ResolvedConfig } from '../config/types.js';
import { DEFAULT_BACKSTOP } from '../config/validate-backstop.js';
import type { OrgWants } from './org-facts.js';

/** A glob metacharacter: such an entry of `indexNotIn` is no URL pip could be given. */
const GLOB = /[*?[\]{}]/;

/**
 * What the org layer alone asks pip to hold (org apply runs as root, whose
 * own user config must not weaken it): pass `merge()` of the org layers only.
 * - installs outside envs refused (`onNoEnv: refuse`, the venv-only preset):
 *   the EXTERNALLY-MANAGED marker, carrying the org's message;
 * - a refusing rule on `indexNotIn` (index-only): pip.conf's `index-url`
 *   set to its first literal URL, so an unrouted pip uses the approved index.
 * The other presets have no pip setting a caller could not override on its
 * own command line; docs/organisations.md says so.
 */
export function orgWants(org: ResolvedConfig): OrgWants {
  const backstop = { ...DEFAULT_BACKSTOP };
  for (const layer of org.layers) {
    if (layer.level === 'org' && layer.backstop) Object.assign(backstop, layer.backstop);
  }
  const noEnv = org.config.onNoEnv;
  const refuses = noEnv.action === 'refuse' && backstop.marker;
  const pipSettings: Record<string, string> = {};
  for (const rule of org.config.rules) {
    if (rule.action !== 'refuse' || !rule.when.indexNotIn) continue;
    const url = rule.when.indexNotIn.find((u) => !GLOB.test(u) && /^https?:\/\//.test(u));
    if (url && pipSettings['index-url'] === undefined) pipSettings['index-url'] = url;
  }
  const orgFiles = [
    ...new Set(org.layers.filter((l) => l.level === 'org' && !l.preset).map((l) => l.file)),
  ];
  return {
    backstop,
    marker: refuses ? { message: noEnv.message } : null,
    pipSettings,
    orgFiles,
  };
}
