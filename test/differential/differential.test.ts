import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { giveToNobody, MAIN, mainForNobody, runCommand } from '../helpers/cli.js';
import { hermeticEnv, SYSTEM_PATH } from '../helpers/env.js';
import { pipWheel } from '../helpers/pip-wheels.js';
import { needs } from '../helpers/prereq.js';
import { canUnshare } from '../helpers/private-etc.js';
import { pyenvPython } from '../helpers/pythons.js';
import { buildWheel } from '../helpers/wheel.js';
import { machineSites, strayed as siteChanges, snapshotSites } from '../stray-guard.js';
import { knownDefect } from './support/known.js';
import { FAILING, type Verdict } from './support/oracle.js';
import { pool, type Result, type RunContext, runScenario } from './support/runner.js';
import { describeScenario, ENV_KINDS, type EnvKind, sample } from './support/space.js';
import { kindPython, makeTemplate, templateName } from './support/templates.js';

// The contract, checked against pip itself: over a seeded sample of set-ups
// (env kind × form × user-mode source × subcommand and spelling), each call
// runs with pip alone and through pipwarden's shims in the same fresh
// set-up, then through the shims again in the same HOME (the plan cache
// replays it). support/oracle.ts says how each pair is classed; stray, broke
// and misplaced fail this test.
//
//   PIPWARDEN_DIFF_SEED=<n>        the seed (printed; random by default)
//   PIPWARDEN_DIFF_SCENARIOS=<n>   how many (default 56: about 3 min on CI's 2 free cores)
//   PIPWARDEN_DIFF_JOBS=<n>        scenarios at a time (default 2)
//   PIPWARDEN_DIFF_KINDS=a,b       only these env kinds (support/space.ts ENV_KINDS)
const seed = Number(process.env.PIPWARDEN_DIFF_SEED ?? Math.floor(Math.random() * 2 ** 31));
const count = Number(process.env.PIPWARDEN_DIFF_SCENARIOS ?? 56);
const jobs = Number(process.env.PIPWARDEN_DIFF_JOBS ?? 2);
const onlyKinds = process.env.PIPWARDEN_DIFF_KINDS?.split(',').filter(Boolean);

const isRoot = process.getuid?.() === 0;
const allKinds = (Object.keys(ENV_KINDS) as EnvKind[]).filter(
  (k) => !onlyKinds || onlyKinds.includes(k),
);
// nobody needs root to become; Debian's root scenarios need a private /usr.
const kinds = allKinds.filter(
  (k) =>
    kindPython(k) !== null &&
    (!k.endsWith('-nobody') || isRoot) &&
    (k !== 'debian-root' || canUnshare) &&
    (k !== 'venv-pip26' || pipWheel('26.2.1').wheel !== null),
);
const missing = allKinds.filter((k) => !kinds.includes(k));

describe.skipIf(
  needs(`set-ups for the differential test (${missing.join(', ')})`, !missing.length),
)(`pip alone vs pipwarden, seed ${seed}, ${count} scenarios`, () => {
  let ctx: RunContext;
  let results: Result[] = [];
  const before = snapshotSites(machineSites());

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'pipwarden-diff-'));
    giveToNobody(root);
    const wheels = join(root, 'wheels');
    mkdirSync(wheels);
    buildWheel(wheels);
    // The shims a user with pyenv has: `pipwarden rehash` shims each pip
    // and python name on PATH and each pyenv version's pip3.X and python3.X
    // (src/io/shims/shim-names.ts). Written by root for both users; nobody's
    // bake the copy of the CLI nobody can read.
    const shims = { root: join(root, 'shims'), nobody: join(root, 'shims-nobody') };
    const py312 = pyenvPython('3.12') as string;
    for (const [dir, main] of [
      [shims.root, MAIN],
      [shims.nobody, mainForNobody()],
    ] as const) {
      const env = hermeticEnv(join(root, 'rehash-home'), {
        PATH: `${dirname(py312)}:${SYSTEM_PATH}`,
        PYENV_ROOT: dirname(dirname(dirname(dirname(py312)))),
        PIPWARDEN_SHIM_DIR: dir,
        PIPWARDEN_ORG_CONFIG_DIR: join(root, 'no-org-config'),
      });
      const r = runCommand([process.execPath, main, 'rehash'], { env });
      if (r.status !== 0) throw new Error(`rehash failed: ${r.stderr}`);
      execFileSync('chmod', ['-R', 'a+rX', dir]);
      // Every form of every kind must reach a shim, or the run compares pip with itself.
      for (const k of kinds) {
        for (const name of [
          'pip',
          'python',
          `pip${ENV_KINDS[k].minor}`,
          `python${ENV_KINDS[k].minor}`,
        ]) {
          if (!existsSync(join(dir, name)))
            throw new Error(`rehash wrote no ${name} shim in ${dir}`);
        }
      }
    }
    const templateRoot = join(root, 'templates');
    mkdirSync(templateRoot);
    giveToNobody(templateRoot);
    const names = new Set(kinds.map(templateName).filter((n): n is string => n !== null));
    if (kinds.some((k) => k.endsWith('-nopip'))) names.add('plain');
    const templates = new Map(
      await Promise.all(
        [...names].map(async (n) => [n, await makeTemplate(n, templateRoot)] as const),
      ),
    );
    ctx = { root, wheels, shims, templates, main: { root: MAIN, nobody: mainForNobody() } };
    const scenarios = sample(seed, count, kinds);
    const started = Date.now();
    // One line per scenario as it ends, so a long run can be read while it runs.
    const log = join(tmpdir(), `pipwarden-diff-${seed}.jsonl`);
    writeFileSync(log, '');
    results = await pool(scenarios, jobs, async (s) => {
      const r = await runScenario(ctx, s);
      appendFileSync(log, `${JSON.stringify(r)}\n`);
      return r;
    });
    const minutes = (Date.now() - started) / 60_000;
    console.log(
      `differential: seed ${seed}, ${count} scenarios in ${minutes.toFixed(2)} min (${(count / minutes).toFixed(1)}/min, ${jobs} at a time)`,
    );
  }, count * 120_000);

  afterAll(() => {
    if (ctx) rmSync(ctx.root, { recursive: true, force: true });
  });

  it('prints the counts per class', () => {
    const counts = new Map<Verdict, number>();
    for (const r of results) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
    const replayed = results.filter((r) => r.replayed).length;
    console.log(
      `differential: seed ${seed}: ${[...counts].map(([v, n]) => `${v} ${n}`).join(', ')}; replayed from the plan cache ${replayed}/${results.length}`,
    );
    for (const r of results.filter((r) => r.verdict !== 'same')) console.log(line(r));
    expect(results).toHaveLength(count);
  });

  it('no call pip alone completes fails through pipwarden, and none lands off target', () => {
    const bad = results.filter((r) => FAILING.includes(r.verdict) && !knownDefect(r));
    expect(bad.map(line)).toEqual([]);
  });

  it('the plan cache replays each call with the same result', () => {
    const differ = results.filter(
      (r) =>
        r.replayVerdict !== r.verdict ||
        (r.replay.exit === 0) !== (r.warden.exit === 0) ||
        r.replay.places.join() !== r.warden.places.join(),
    );
    expect(differ.map(line)).toEqual([]);
  });

  it("nothing strays into the machine's own interpreters", () => {
    expect(siteChanges(before, snapshotSites(machineSites()))).toEqual([]);
  });
});

function line(r: Result): string {
  const known = knownDefect(r);
  return [
    `${r.verdict}${known ? ` (known: ${known})` : ''}: ${describeScenario(r.scenario)}`,
    `  argv: ${r.argv.join(' ')}`,
    `  pip alone: exit ${r.alone.exit} → ${r.alone.places.join('+') || 'nowhere'}; pipwarden: exit ${r.warden.exit} → ${r.warden.places.join('+') || 'nowhere'}; replay: exit ${r.replay.exit} → ${r.replay.places.join('+') || 'nowhere'}; intended: ${r.intended.map((p) => p || 'nowhere').join(' or ')}`,
    `  pipwarden said: ${lastLines(r.warden.stderr)}`,
  ].join('\n');
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ').slice(0, 400);
}
