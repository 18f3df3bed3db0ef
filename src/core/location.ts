import type { SettingSource } from './facts.js';

/**
 * An install location the user chose (`--target`, `--prefix`, `--root`, or
 * the same from PIP_* or pip.conf), as a value: `src/core/render/reasons.ts`
 * (`locationText`) writes it as `--prefix /usr/local` or
 * `target = x (PIP_TARGET in the environment)`.
 */
export interface ExplicitLocation {
  kind: 'target' | 'prefix' | 'root';
  /** The directory, as given. */
  value: string;
  /** Where it was given: the command line's tokens, a variable or a file. */
  source: SettingSource;
}
