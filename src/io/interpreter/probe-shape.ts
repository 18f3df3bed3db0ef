/** What the probe script prints about an interpreter (probe-script.ts). */
export interface ProbeResult {
  version: [number, number, number];
  /** sys.executable, for debugging only. */
  executable: string;
  prefix: string;
  /** sys.real_prefix (old virtualenv), else sys.base_prefix, else sys.prefix. */
  basePrefix: string;
  purelib: string;
  platlib: string;
  scripts: string;
  /** Which of pip's two location backends the paths mirror. */
  schemeSource: 'sysconfig' | 'distutils';
  stdlib: string;
  /** site.ENABLE_USER_SITE under -E: false in a no-global venv, null if uid ≠ euid. */
  enableUserSite: boolean | null;
  /** User site relative to the user base, e.g. `lib/python3.12/site-packages`. */
  userSiteRel: string | null;
  pipVersion: string | null;
  /** The pip/__init__.py the interpreter imports, or null. */
  pipInit: string | null;
  /** `Requires-Python` of that pip's dist-info METADATA, or null. */
  pipRequiresPython: string | null;
  implementation: string;
}

type Check = (v: unknown) => boolean;

const str: Check = (v) => typeof v === 'string';
const strOrNull: Check = (v) => v === null || typeof v === 'string';
const version: Check = (v) =>
  Array.isArray(v) && v.length === 3 && v.every((n) => Number.isInteger(n) && n >= 0);

// Every field the engine reads, with its type: a cache entry written by an
// older pipwarden, edited by hand or truncated by a full disk must read as a
// miss, never as facts (a string where a path list is expected would
// otherwise surface as a TypeError: exit 70 on every pip call).
const FIELDS: Record<keyof ProbeResult, Check> = {
  version,
  executable: str,
  prefix: str,
  basePrefix: str,
  purelib: str,
  platlib: str,
  scripts: str,
  schemeSource: (v) => v === 'sysconfig' || v === 'distutils',
  stdlib: str,
  enableUserSite: (v) => v === null || typeof v === 'boolean',
  userSiteRel: strOrNull,
  pipVersion: strOrNull,
  pipInit: strOrNull,
  pipRequiresPython: strOrNull,
  implementation: str,
};

/** True when `value` has every field of a ProbeResult, each of the right type. */
export function isProbeResult(value: unknown): value is ProbeResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return Object.entries(FIELDS).every(([key, check]) => check(record[key]));
}

/** True for the `[path, stamp]` pairs a cache entry records. */
export function isStampList(value: unknown): value is [string, string][] {
  return (
    Array.isArray(value) &&
    value.every((s) => Array.isArray(s) && s.length === 2 && str(s[0]) && str(s[1]))
  );
}
