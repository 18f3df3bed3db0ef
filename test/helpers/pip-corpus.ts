import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'shell-quote';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'pip-corpus.tsv');

export interface CorpusLine {
  /** The command line as found, from the interpreter or `pip` on. */
  line: string;
  /** `owner/repo path[@commit]` it came from. */
  source: string;
  /** pip's argv: the tokens after `pip…` or `-m pip`. */
  argv: string[];
}

export interface Corpus {
  lines: CorpusLine[];
  /** Lines whose argv a shell would expand in a way shell-quote cannot resolve. */
  dropped: { line: string; why: string }[];
}

/**
 * test/data/pip-corpus.tsv: `command line <TAB> repository <TAB> path [<TAB> commit]`.
 * Each line is tokenised with shell-quote. A line is dropped, with the
 * reason, when its argv depends on the shell: a variable, a redirection or
 * other operator, or a `#` inside a word (sh keeps it, shell-quote starts a
 * comment there).
 */
export function loadCorpus(): Corpus {
  const corpus: Corpus = { lines: [], dropped: [] };
  for (const row of readFileSync(CORPUS, 'utf8').split('\n')) {
    if (row === '' || row.startsWith('#')) continue;
    const [line, repo, path, commit] = row.split('\t');
    if (!line || !repo || !path) throw new Error(`${CORPUS}: bad row ${JSON.stringify(row)}`);
    let tokens: ReturnType<typeof parse>;
    try {
      tokens = parse(line, (name) => {
        throw new Error(`needs $${name}`);
      });
    } catch (e) {
      corpus.dropped.push({ line, why: (e as Error).message });
      continue;
    }
    if (!tokens.every((t): t is string => typeof t === 'string')) {
      corpus.dropped.push({ line, why: 'a shell operator, glob or mid-word #' });
      continue;
    }
    const at = tokens.findIndex(
      (t, i) => /^pip[0-9.]*$/.test(t) && (i === 0 || tokens[i - 1] === '-m'),
    );
    const mpip = tokens.indexOf('-mpip');
    const start = at >= 0 ? at + 1 : mpip >= 0 ? mpip + 1 : -1;
    if (start < 0) throw new Error(`${CORPUS}: ${line}: no pip in it`);
    const source = `${repo} ${path}${commit ? `@${commit.slice(0, 12)}` : ''}`;
    corpus.lines.push({ line, source, argv: tokens.slice(start) });
  }
  return corpus;
}
