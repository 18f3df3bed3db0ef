/**
 * Wraps `obj[name]` so `before(args)` runs ahead of every call, and pushes
 * the undo onto `restore`. What hangs off the function (promisify.custom) is
 * kept, and `realpathSync.native` / `realpath.native` are wrapped too, so a
 * reader cannot slip past by the native variant.
 */
export function patchMethod(
  obj: Record<string, unknown>,
  name: string,
  before: (args: unknown[]) => void,
  restore: (() => void)[],
): void {
  const original = obj[name];
  if (typeof original !== 'function') return;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    before(args);
    return original.apply(this, args);
  };
  for (const key of Reflect.ownKeys(original)) {
    if (key === 'length' || key === 'name' || key === 'prototype') continue;
    Object.defineProperty(wrapped, key, Object.getOwnPropertyDescriptor(original, key)!);
  }
  const native = (original as { native?: unknown }).native;
  if (typeof native === 'function') {
    (wrapped as { native?: unknown }).native = function (this: unknown, ...args: unknown[]) {
      before(args);
      return native.apply(this, args);
    };
  }
  obj[name] = wrapped;
  restore.push(() => {
    obj[name] = original;
  });
}
