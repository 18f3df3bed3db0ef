import type { Env } from '../core/env.js';
import type { Out } from '../io/fd-out.js';
/** What a command gets from the entry point: the process edges, passed in so commands stay testable. */
export interface CommandContext {
  env: Env;
  /** The working directory; '/' stands in when it is gone (see cwdGone). */
  cwd: string;
  /** True when the working directory was deleted or cannot be named. */
  cwdGone?: boolean;
  /** The user's home, worked out once (io/paths homeDir): HOME, else the password database. */
  home: string;
  stdout: Out;
  stderr: Out;
  /** `--set KEY=VALUE` flags: the config layer above PIPWARDEN_* variables. */
  configSets?: readonly string[];
}

/** A command returns the process exit code; it throws PipwardenError for its own failures. */
export type Command = (args: string[], ctx: CommandContext) => Promise<number>;
