/**
 * Test prerequisites: a pyenv Python, root, strace, the shared pip wheels…
 * A test that cannot run without one takes its skip condition from
 * `needs(name, present)`:
 * - present: false, the test runs;
 * - missing under CI=true: throws, naming it, so the file fails instead of
 *   skipping quietly (the CI machine and .ci/run provide every one; a skip there
 *   would hide a broken machine);
 * - missing locally: prints the reason once and returns true, a skip.
 *
 *   describe.skipIf(needs('pyenv Python 3.12', py))('…', () => { … });
 */
export function needs(
  name: string,
  present: unknown,
  env: Readonly<Record<string, string | undefined>> = process.env,
  print: (line: string) => void = (line) => console.warn(line),
): boolean {
  if (present) return false;
  if (onCi(env)) {
    throw new Error(
      `missing test prerequisite: ${name} (CI=true fails rather than skip: the CI machine must provide it; locally, unset CI to skip)`,
    );
  }
  if (!printed.has(name)) {
    printed.add(name);
    print(`skipped: ${name} is missing (under CI=true this fails)`);
  }
  return true;
}

/** Whether the tests run as CI (`CI=true`, as .ci/run and most CI services set it). */
export function onCi(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.CI === 'true' || env.CI === '1';
}

const printed = new Set<string>();
