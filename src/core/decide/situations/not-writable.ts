import type { FoundDid, Why } from '../../reason.js';
import { applied, refuse, ruleFor } from '../draft.js';
import { makeVenv } from '../hints.js';
import { atLeast, PIP_USER_FALLBACK } from '../pip-versions.js';
import { useVenv } from '../venv-target.js';
import type { Situation } from './situation.js';

/**
 * 5. site-packages is not writable and the user site is enabled: pip would
 * print "Defaulting to user installation because normal site-packages is not
 * writeable" and install into ~/.local. We make that explicit (or act).
 * pip < 20.0 has no such fallback (it fails with Permission denied), so the
 * `user` action must not add --user there: pip alone never would.
 */
export function notWritable(s: Situation): boolean {
  const { interp, config, draft, user } = s;
  if (s.subcommand !== 'install' || user.value !== null) return false;
  // pip ≥ 25.3 even refuses --user when site.ENABLE_USER_SITE is false.
  if (interp.sitePackagesWritable || !interp.enableUserSite) return false;
  const rule = ruleFor(config, 'notWritable');
  if (rule.action === 'pip') return false;
  const what = { kind: 'not-writable', purelib: interp.purelib } as const;
  const because = (t: FoundDid): Why => ({ kind: 'found', found: what, did: t });
  if (rule.action === 'refuse') {
    const steps = [{ kind: 'user-install' } as const, makeVenv(s.facts)];
    refuse(draft, config, 'notWritable', because({ kind: 'refused' }), steps);
    return true;
  }
  if (rule.action === 'venv') return useVenv(s, 'notWritable', what);
  if (!atLeast(interp.pipVersion, PIP_USER_FALLBACK)) {
    const why = because({
      kind: 'no-user-fallback',
      pipVersion: interp.pipVersion,
      since: PIP_USER_FALLBACK,
      next: [{ kind: 'user-install' }, makeVenv(s.facts)],
    });
    applied(draft, config, 'notWritable', 'pip', why, 'warning');
    return true;
  }
  draft.addUser = true;
  const why = because({
    kind: 'user-site',
    userSite: interp.userSite,
    scripts: interp.userScripts,
    onPath: interp.userScriptsOnPath,
  });
  applied(draft, config, 'notWritable', 'user', why);
  return true;
}
