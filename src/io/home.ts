import { homedir } from 'node:os';

/** The user's home: $HOME when set (tests and sudo -H rely on it), else the passwd entry. */
export function homeOf(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}
