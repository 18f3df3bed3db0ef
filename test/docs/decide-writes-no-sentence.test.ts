import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Issue 20: a decision returns values, and src/core/render/ writes every
// word. A new reason is a kind in src/core/reason.ts and a case in
// reasonText (src/core/render/reasons.ts), never a sentence here.
const DECIDE = resolve(import.meta.dirname, '../../src/core/decide');
/** Python source the venv marks run, not words. */
const CODE = new Set(['venv-mark.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [p] : [];
  });
}

/** The text of every string and template literal (comments are not literals). */
function literals(file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
    else if (ts.isTemplateExpression(node))
      out.push([node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' '));
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}

describe('the decision writes no sentence: its reasons are values (src/core/reason.ts)', () => {
  it('no literal in src/core/decide reads as words (three in a row)', () => {
    const found = sources(DECIDE)
      .filter((f) => !CODE.has(f.split('/').pop() ?? ''))
      .flatMap((f) =>
        literals(f)
          // An internal error a user never sees is not a reason.
          .filter((t) => /[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/.test(t) && !t.startsWith("pip's tables"))
          .map((t) => `${relative(DECIDE, f)}: ${t}`),
      );
    expect(found).toEqual([]);
  });
});
