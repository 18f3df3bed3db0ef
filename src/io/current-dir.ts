/**
 * The process's working directory, or null when it can no longer be named:
 * deleted or renamed under us (getcwd(3) fails with ENOENT), or a parent
 * this user may not search (EACCES). Node's process.cwd() throws then.
 */
export function currentDir(): string | null {
  try {
    return process.cwd();
  } catch {
    return null;
  }
}
