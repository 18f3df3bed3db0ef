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
  /**
   * The node binary and CLI entry the prompt hook runs `rehash --follow`
   * with (absolute, baked like the shims', so no `pipwarden` found on PATH
   * ever runs from a prompt).
   * @default null (the hook puts existing follow dirs on PATH, writes none)
   */
  engine?: { node: string; main: string } | null;
}
