/** What every `pipwarden init <shell>` renderer needs to know. */
export interface InitOptions {
  /** Absolute path of the shim dir, put first on PATH. */
  shimDir: string;
  /** Absolute path of pipwarden's `completions/` dir, or null to skip completion. */
  completionsDir: string | null;
  /**
   * A dir holding a `pipwarden` command, appended to PATH when `pipwarden`
   * is not a command yet (install.sh's ~/.local/bin is often off PATH).
   * @default null (PATH gets only the shim dir)
   */
  binDir?: string | null;
}
