/**
 * Environment variables as a call sees them: `process.env` at the entry
 * point, a plain object in tests. Read-only: a change makes a new object
 * (io/execute's applyEnv), so facts and plans never alter the caller's env.
 */
export type Env = Readonly<Record<string, string | undefined>>;
