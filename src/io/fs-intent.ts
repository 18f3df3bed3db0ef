/**
 * Marks calls whose answer depends only on what a path is (its type, that it
 * is there, its access), not on what is in it. The plan cache's recorder
 * (plan-cache/record-inputs.ts) then keeps the path's type and access but not
 * its mtime, so an install that adds to site-packages does not make the next
 * call's entry miss because a decision once asked "is site-packages a
 * directory?". The small questions in fs-checks.ts go through here.
 */
let depth = 0;

export function askingWhatItIs<T>(question: () => T): T {
  depth++;
  try {
    return question();
  } finally {
    depth--;
  }
}

/** True inside askingWhatItIs. */
export function onlyWhatItIs(): boolean {
  return depth > 0;
}
