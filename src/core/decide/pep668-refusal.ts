import type { DraftReason } from '../plan.js';
import type { Draft } from './draft.js';
import { makeVenv } from './hints.js';
import type { Situation } from './situations/situation.js';

/**
 * When `onExternallyManaged: pip` lets pip run on an externally managed
 * Python, pip refuses with a 20-line error that scrolls our next step away.
 * So pipwarden refuses in pip's place, with the distro's text condensed and
 * the next step as the last line on screen. Only where pip is sure to refuse
 * (pip/_internal/commands/install.py: check_externally_managed() runs unless
 * --root/--target/--prefix, --dry-run --report or --break-system-packages;
 * those never reach here, see explicitLocation and breaksSystemPackages):
 * `--help` and `--dry-run` still go to pip, so no call pip completes fails.
 */
export function refuseInPipsPlace(s: Situation): void {
  const { draft, interp, inv } = s;
  if (draft.refusal !== null || draft.addBreakSystemPackages) return;
  const reason = draft.reasons.find(
    (r) => r.situation === 'externallyManaged' && r.action === 'pip',
  );
  if (!reason || interp.externallyManaged === null) return;
  const exempt = [...inv.globals, ...inv.options].some(
    (o) => o.dest === 'help' || o.dest === 'version' || o.dest === 'dry_run',
  );
  if (exempt) return;
  dropNotice(draft, reason);
  reason.action = 'refuse';
  draft.refusal = {
    why: {
      kind: 'pep668-refusal',
      executable: interp.executable,
      marker: interp.externallyManagedMessage ?? null,
    },
    steps: [makeVenv(s.facts, { orSet: { key: 'onExternallyManaged', value: 'venv' } })],
  };
}

/** The refusal says it now: the notice of the reason it replaces goes. */
function dropNotice(draft: Draft, reason: DraftReason): void {
  const i = draft.outcomes.findIndex((o) => o.kind === 'applied' && o.reason === reason);
  if (i !== -1) draft.outcomes.splice(i, 1);
}
