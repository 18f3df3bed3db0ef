/** How config files and values appear in messages. Pure: home is passed in. */

/** `/home/ada/.config/pipwarden/config.yaml` → `~/.config/pipwarden/config.yaml`. */
export function displayPath(file: string, home: string | null | undefined): string {
  if (!home || home === '/') return file;
  const base = home.endsWith('/') ? home.slice(0, -1) : home;
  if (file === base) return '~';
  return file.startsWith(`${base}/`) ? `~${file.slice(base.length)}` : file;
}

/** A value as a message shows it after "got": strings quoted, containers by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) return 'a list';
  // TOML dates (smol-toml's TomlDate extends Date) and YAML timestamps.
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}
