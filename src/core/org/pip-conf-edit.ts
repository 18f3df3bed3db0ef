/**
 * Sets keys in pip.conf's `[global]` section without touching anything
 * else: each missing key is one line after the `[global]` header (a
 * `[global]` section is appended when there is none). A key the file
 * already sets, in any section pip reads it from for install (`global`,
 * `install`) and in either spelling (`index-url`, `index_url`), is left
 * alone: equal, nothing to do; different, a conflict the caller reports.
 * Returns the new text (the same text when nothing changes; null stays
 * null when nothing is added).
 */
export function editPipConf(
  text: string | null,
  settings: Readonly<Record<string, string>>,
): { text: string | null; conflicts: { key: string; want: string; has: string }[] } {
  const conflicts: { key: string; want: string; has: string }[] = [];
  const lines = text === null ? [] : text.split('\n');
  const missing: string[] = [];
  for (const [key, want] of Object.entries(settings)) {
    const has = findSetting(lines, key);
    if (has === null) missing.push(`${key} = ${want}`);
    else if (has !== want) conflicts.push({ key, want, has });
  }
  if (missing.length === 0) return { text, conflicts };
  const header = lines.findIndex((l) => /^\s*\[global\]\s*$/.test(l));
  if (header !== -1) {
    lines.splice(header + 1, 0, ...missing);
    return { text: lines.join('\n'), conflicts };
  }
  const before = text === null || text === '' ? '' : text.endsWith('\n') ? text : `${text}\n`;
  return { text: `${before}[global]\n${missing.join('\n')}\n`, conflicts };
}

/** The value `key` has in `[global]` or `[install]`, or null; later wins as in configparser. */
function findSetting(lines: readonly string[], key: string): string | null {
  const names = new Set([key, key.replace(/-/g, '_')]);
  let section = '';
  let found: string | null = null;
  for (const line of lines) {
    const head = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (head) {
      section = head[1]!.trim();
      continue;
    }
    const kv = /^([^\s#;][^=:]*?)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (kv && (section === 'global' || section === 'install') && names.has(kv[1]!)) {
      found = kv[2]!;
    }
  }
  return found;
}
