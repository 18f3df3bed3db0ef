/**
 * Whether Node has loaded one of its own modules yet (`child_process`,
 * `internal/fs/promises`), from the list Node keeps of them. The recorder
 * wraps a module only once something has loaded it: wrapping would load it,
 * and that costs a shim's miss more than the decision (bench/LEVERS.md).
 * Where the list is missing, say yes, so the caller wraps as before.
 */
export function builtinLoaded(id: string): boolean {
  const list = (process as { moduleLoadList?: unknown }).moduleLoadList;
  return Array.isArray(list) ? list.includes(`NativeModule ${id}`) : true;
}
