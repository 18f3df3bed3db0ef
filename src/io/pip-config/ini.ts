/**
 * An INI reader that behaves like the RawConfigParser pip reads its config
 * files with, in the dialect of the interpreter running pip:
 * - py3: full-line `#`/`;` comments (after indentation), no inline comments,
 *   continuation lines indented deeper than the key, strict (a duplicate
 *   section or key is an error), `[a]b]` is section `a]b` from 3.13 on.
 * - py2: comments only in column 0 (and `rem`), ` ;` starts an inline
 *   comment, any indented line continues the value, `""` means empty,
 *   duplicates allowed (last wins).
 * Keys are lower-cased (optionxform). Values keep their case.
 */
export interface IniDialect {
  python: [number, number];
}

export interface IniFile {
  /** Sections in file order (DEFAULT excluded), each key → value in first-seen order. */
  sections: Map<string, Map<string, string>>;
  /** Errors that make RawConfigParser.read() raise, so pip refuses to start. */
  errors: string[];
}

const DEFAULT_SECTION = 'DEFAULT';

export function parseIni(text: string, dialect: IniDialect): IniFile {
  const py2 = dialect.python[0] < 3;
  const sectionRe =
    !py2 && (dialect.python[0] > 3 || dialect.python[1] >= 13) ? /^\[(.+)\]/ : /^\[([^\]]+)\]/;
  const sections = new Map<string, Map<string, string[]>>();
  const defaults = new Map<string, string[]>();
  const errors: string[] = [];
  const seen = new Set<string>();
  let current: Map<string, string[]> | null = null;
  let sectionName = '';
  let key: string | null = null;
  let indentLevel = 0;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const lineno = i + 1;
    const stripped = raw.trim();
    if (py2) {
      if (stripped === '' || raw[0] === '#' || raw[0] === ';') return;
      if (/^rem(\s|$)/i.test(raw) && /^[rR]/.test(raw)) return;
      if (/^\s/.test(raw) && current && key) {
        current.get(key)?.push(stripped);
        return;
      }
    } else {
      const isComment = stripped.startsWith('#') || stripped.startsWith(';');
      if (stripped === '' || isComment) {
        // empty_lines_in_values: a blank (not comment) line inside a value is kept.
        if (!isComment && current && key) current.get(key)?.push('');
        return;
      }
      const indent = raw.length - raw.trimStart().length;
      if (current && key && indent > indentLevel) {
        current.get(key)?.push(stripped);
        return;
      }
      indentLevel = indent;
    }
    const header = sectionRe.exec(py2 ? raw : stripped);
    if (header) {
      sectionName = header[1]!;
      if (sectionName === DEFAULT_SECTION) current = defaults;
      else {
        if (!py2 && seen.has(`[${sectionName}]`)) {
          errors.push(`line ${lineno}: section [${sectionName}] already exists`);
        }
        seen.add(`[${sectionName}]`);
        current = sections.get(sectionName) ?? new Map();
        sections.set(sectionName, current);
      }
      key = null;
      return;
    }
    if (current === null) {
      errors.push(`line ${lineno}: file contains no section headers`);
      key = null;
      return;
    }
    // py2 matches the raw line, so an option may not start with whitespace.
    const opt = py2
      ? /^([^:=\s][^:=]*)\s*([:=])\s*(.*)$/.exec(raw.trimEnd())
      : /^(.*?)\s*([=:])\s*(.*)$/.exec(stripped);
    if (!opt || opt[1] === '') {
      errors.push(`line ${lineno}: cannot parse ${JSON.stringify(raw)}`);
      return;
    }
    key = opt[1]!.trimEnd().toLowerCase();
    let value = opt[3]!;
    if (py2) {
      const semi = value.indexOf(';');
      if (semi > 0 && /\s/.test(value[semi - 1]!)) value = value.slice(0, semi);
      value = value.trim();
      if (value === '""') value = '';
    }
    const id = `${sectionName}\0${key}`;
    if (!py2 && seen.has(id)) {
      errors.push(`line ${lineno}: option "${key}" in section [${sectionName}] already exists`);
    }
    seen.add(id);
    current.set(key, [value.trim()]);
  });
  const join = (m: Map<string, string[]>) =>
    new Map([...m].map(([k, v]) => [k, v.join('\n').trimEnd()] as const));
  const out = new Map<string, Map<string, string>>();
  const joinedDefaults = join(defaults);
  // RawConfigParser.items(section): DEFAULT's keys first, then the section's.
  for (const [name, body] of sections) out.set(name, new Map([...joinedDefaults, ...join(body)]));
  return { sections: out, errors };
}
