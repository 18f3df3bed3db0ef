/** What a command gets from the entry point: the process edges, passed in so commands stay testable. */
export interface CommandContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** `--set KEY=VALUE` flags: the config layer above PIPWARDEN_* variables. */
  configSets?: readonly string[];
}

/** A command returns the process exit code; it throws PipwardenError for its own failures. */
export type Command = (args: string[], ctx: CommandContext) => Promise<number>;
