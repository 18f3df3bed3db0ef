import { stepsText } from '../../render/next-steps.js';
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
  const what = `${interp.purelib} is not writable`;
  if (rule.action === 'refuse') {
    refuse(draft, config, 'notWritable', what, [{ kind: 'user-install' }, makeVenv(s.facts)]);
    return true;
  }
  if (rule.action === 'venv') return useVenv(s, 'notWritable', what);
  if (!atLeast(interp.pipVersion, PIP_USER_FALLBACK)) {
    applied(
      draft,
      config,
      'notWritable',
      'pip',
      `${what}, and pip ${interp.pipVersion ?? '(unknown)'} has no user-site fallback (pip ≥ ${PIP_USER_FALLBACK}), so it will fail with Permission denied. Next: ${stepsText([{ kind: 'user-install' }, makeVenv(s.facts)])}`,
      'warning',
    );
    return true;
  }
  draft.addUser = true;
  const onPath = interp.userScriptsOnPath
    ? `scripts go to ${interp.userScripts}, which is on PATH`
    : `scripts go to ${interp.userScripts}, which is NOT on PATH: add it with export PATH="${interp.userScripts}:$PATH"`;
  applied(
    draft,
    config,
    'notWritable',
    'user',
    `${what}; installing with --user into ${interp.userSite} (${onPath})`,
  );
  return true;
}
