import type { FoundDid, Why } from '../../reason.js';
import { applied, refuse, ruleFor } from '../draft.js';
import { makeVenv } from '../hints.js';
import { atLeast, PIP_BREAK_SYSTEM_PACKAGES, PIP_PEP668 } from '../pip-versions.js';
import { breaksSystemPackages } from '../user-mode.js';
import { useVenv } from '../venv-target.js';
import type { Situation } from './situation.js';

/** 4. PEP 668: pip refuses; we add the next step, or act as configured. */
export function externallyManaged(s: Situation): boolean {
  const { interp, config, draft } = s;
  if (interp.externallyManaged === null) return false;
  if (breaksSystemPackages(s.inv, s.facts) || dryRunReport(s)) return false;
  const rule = ruleFor(config, 'externallyManaged');
  const pep668 = atLeast(interp.pipVersion, PIP_PEP668);
  const what = {
    kind: 'externally-managed',
    executable: interp.executable,
    marker: interp.externallyManaged,
  } as const;
  const because = (t: FoundDid): Why => ({ kind: 'found', found: what, did: t });
  if (rule.action === 'refuse') {
    refuse(draft, config, 'externallyManaged', because({ kind: 'refused' }), [makeVenv(s.facts)]);
    return true;
  }
  if (rule.action === 'venv') return useVenv(s, 'externallyManaged', what);
  if (!pep668) return false;
  if (config.config.allowBreakSystemPackages) {
    if (!atLeast(interp.pipVersion, PIP_BREAK_SYSTEM_PACKAGES)) {
      const why = because({
        kind: 'no-break-option',
        pipVersion: interp.pipVersion,
        since: PIP_BREAK_SYSTEM_PACKAGES,
        next: makeVenv(s.facts),
      });
      applied(draft, config, 'externallyManaged', 'pip', why, 'warning');
      return true;
    }
    draft.addBreakSystemPackages = true;
    const why = because({ kind: 'break-system-packages' });
    applied(draft, config, 'externallyManaged', 'pip', why, 'warning');
    return true;
  }
  const why = because({
    kind: 'pip-will-refuse',
    next: [makeVenv(s.facts), { kind: 'set-config', key: 'onExternallyManaged', value: 'venv' }],
  });
  applied(draft, config, 'externallyManaged', 'pip', why, 'warning');
  return true;
}

/**
 * pip skips its EXTERNALLY-MANAGED check for `install --dry-run --report`
 * (pip/_internal/commands/install.py, installing_into_current_environment,
 * the same from 23.0 through 26.2). --root/--target/--prefix, the other
 * exemptions, never reach here: decide() passes explicit locations first.
 */
function dryRunReport(s: Situation): boolean {
  if (s.subcommand !== 'install') return false;
  const opt = (dest: string) => s.inv.options.filter((o) => o.dest === dest).at(-1);
  const settings = s.facts.pipSettings;
  const dry = opt('dry_run') !== undefined || settings.dryRun?.value === true;
  const report = opt('json_report_file')?.value ?? settings.report?.value ?? '';
  return dry && report !== '';
}
