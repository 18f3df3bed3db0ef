import { describe, expect, it } from 'vitest';
import { pythonOptionsAnyVersion } from '../argv/parse-python.js';
import { COMMANDS } from '../argv/pip-commands.js';
import { GENERAL_OPTIONS } from '../argv/pip-options.js';
import { changesEnv } from '../triage.js';
import { renderPipRoute, renderPythonRoute } from './shim-route.js';

// The routers are rendered from the parser's tables: whatever the tables
// hold shows up in the sh (test/shell/shim-route.test.ts runs it).
const words = (text: string) => new Set(text.split(/[\s|()\\]+/));

describe('renderPipRoute', () => {
  const text = renderPipRoute();
  const w = words(text);

  it('has an arm for every long spelling of every general option, values with their =* form', () => {
    for (const [spellings, , takesValue] of GENERAL_OPTIONS) {
      for (const s of spellings.split(' ').filter((x) => x.startsWith('--'))) {
        expect(w.has(s), s).toBe(true);
        if (takesValue === 1) expect(w.has(`${s}=*`), `${s}=*`).toBe(true);
      }
    }
  });

  it('passes every subcommand the engine would pass, except those that write files', () => {
    const readOnly = /\n\s+((?:[a-z]+\|\\?\s*)*[a-z]+)\) return 1 ;;\n\s+\*\) return 0 ;;/.exec(
      text,
    )?.[1];
    const listed = new Set(readOnly?.split(/[|\\\s]+/));
    for (const name of Object.keys(COMMANDS)) {
      const expected = !changesEnv(name) && !['download', 'wheel', 'lock'].includes(name);
      expect({ name, readOnly: listed.has(name) }).toEqual({ name, readOnly: expected });
    }
  });
});

describe('renderPythonRoute', () => {
  it('knows every letter and long option of parse-python', () => {
    const text = renderPythonRoute();
    const g = pythonOptionsAnyVersion();
    for (const c of `${g.flags}${g.withArg}`) {
      expect(text, c).toMatch(new RegExp(`\\n\\s+[^\\n]*(^|[ |'])${c === '?' ? "\\?'" : c}[|)]`));
    }
    for (const [name, kind] of Object.entries(g.long)) {
      if (kind === 'arg') expect(text).toContain(`--${name})`);
    }
  });
});
