import type { BackstopConfig } from '../config/types.js';

/** One governed interpreter as `org apply` found it (src/io/org/find-interpreters.ts). */
export interface GovernedInterpreter {
  /** The names that reach it, as found: `/usr/local/bin/python3.12`, … (the first is shown). */
  paths: string[];
  /** What it is: a base interpreter gets the marker; the rest are envs pip leaves alone. */
  kind: 'base' | 'venv' | 'conda' | 'unsafe' | 'broken';
  /** Why it is `unsafe` or `broken`, as values: `owner` (not root's, or others may write it), `probe` (would not run). */
  problem?: { what: 'owner' | 'probe'; path: string; detail: string };
  /** `sysconfig.get_path("stdlib")`: where pip looks for EXTERNALLY-MANAGED. */
  stdlib: string | null;
  /** `3.12.1` */
  version: string | null;
  /** The pip in its own site-packages (`23.2.1`), or null for none. */
  pip: string | null;
  /** The marker now at `<stdlib>/EXTERNALLY-MANAGED`: its sha256, or null for none. */
  marker: string | null;
}

/** One file `org apply` wrote, as its state file records it (/var/lib/pipwarden/org-apply.json). */
export interface WrittenFile {
  path: string;
  /** sha256 of what pipwarden wrote: undo removes or restores it only while it still matches. */
  sha256: string;
  /** pip.conf only: the bytes (base64) before pipwarden's edit, or null when there was no file. */
  before?: string | null;
  /** pip.conf only: the mode before pipwarden's edit. */
  mode?: number;
}

export interface OrgState {
  version: 1;
  markers: WrittenFile[];
  pipConf: WrittenFile | null;
  /** Dirs org apply made for its state, removed by --undo when empty. */
  madeDirs: string[];
}

export const EMPTY_STATE: OrgState = { version: 1, markers: [], pipConf: null, madeDirs: [] };

/** What the org layer asks of pip itself, read from the org's merged config. */
export interface OrgWants {
  backstop: BackstopConfig;
  /** The marker, with the org's onNoEnv message (null: the default words); null when the org does not refuse installs outside envs. */
  marker: { message: string | null } | null;
  /** pip.conf `[global]` settings the policy implies (`index-url` for index-only). */
  pipSettings: Record<string, string>;
  /** The org config files, for the marker's last line. */
  orgFiles: string[];
}
