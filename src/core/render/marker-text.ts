import { stepText } from './next-steps.js';

/** The first line when the org's `onNoEnv` has no message of its own. */
export const DEFAULT_MARKER_MESSAGE =
  "This machine's policy: install into a venv, conda or pixi env";

/**
 * pip's own EXTERNALLY-MANAGED marker (PEP 668) for one base interpreter.
 * pip prints `Error` under "This environment is externally managed"
 * (pip/_internal/exceptions.py ExternallyManagedEnvironment, configparser
 * without interpolation): the org's message, the next step, and where the
 * policy lives. Continuation lines are indented, none is blank, so any
 * configparser reads the value whole.
 */
export function markerText(opts: {
  message: string | null;
  python: string;
  orgFiles: readonly string[];
}): string {
  const lines = [
    ...(opts.message ?? DEFAULT_MARKER_MESSAGE).split('\n').filter((l) => l.trim() !== ''),
    `next: ${stepText({ kind: 'make-venv', python: opts.python })}.`,
    'A conda or pixi env is fine too: pip leaves envs alone.',
    `(written by pipwarden org apply from ${opts.orgFiles.length ? opts.orgFiles.join(', ') : 'the org config'})`,
  ];
  return `[externally-managed]\nError=${lines.map((l, i) => (i === 0 ? l : ` ${l}`)).join('\n')}\n`;
}
