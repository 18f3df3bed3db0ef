/** What every `pipwarden init <shell>` renderer needs to know. */
export interface InitOptions {
  /** Absolute path of the shim dir, put first on PATH. */
  shimDir: string;
  /** Absolute path of pipwarden's `completions/` dir, or null to skip completion. */
  completionsDir: string | null;
}
