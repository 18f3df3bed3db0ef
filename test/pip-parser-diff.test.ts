import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isPipModule,
  parsePipArgv,
  parsePythonArgv,
  pipCommands,
  pipSegments,
  pipTables,
  renderPipArgv,
} from '../src/core/argv/index.js';
import { hermeticEnv } from './helpers/env.js';
import { disagreement } from './helpers/pip-agreement.js';
import { pipArgvArb } from './helpers/pip-argv-arb.js';
import { loadCorpus } from './helpers/pip-corpus.js';
import { type PipParser, type PipResult, startPipParser } from './helpers/pip-parser.js';
import { pipWheel, venvWithPipWheel } from './helpers/pip-wheels.js';
import { needs } from './helpers/prereq.js';
import { pyenvPython } from './helpers/pythons.js';

const run = promisify(execFile);

/**
 * Differential test: pip's own parser (main_parser.parse_command, then the
 * command's optparse parser; test/helpers/pip-parse-server.py) against
 * parsePipArgv, for every pip on disk and the pip wheels in shared/pip-wheels.
 * They must agree on the subcommand, on every option occurrence with the
 * token it took as its value, and on the positionals; where pip stops with a
 * usage error, we must have left something unknown for pip to judge.
 */

/**
 * Generated argv compared per pip version (seeded: the same sample each run).
 * 15,000 × 9 pips costs about 60 s of CPU, under a minute on two cores.
 */
const SAMPLE = Number(process.env.DIFF_SAMPLE ?? 15_000);
const SEED = Number(process.env.DIFF_SEED ?? 20261122);
/** parse→render round trips, pure TypeScript. */
const ROUND_TRIPS = 100_000;
/** Where the agreement counts are written for the record. */
const REPORT = join(tmpdir(), 'pipwarden-pip-diff-agreement.txt');

/** Hand-written cases: pip's corners (abbreviations, clusters, `--`, the remove() quirk). */
const CASES: string[][] = [
  ['install', 'x'],
  ['-q', 'install', '-U', '--user', 'x'],
  ['install', '-rreq.txt'],
  ['install', '-r', 'a.txt', '--requirement=b.txt', '-rc.txt'],
  ['install', '--us', 'x'],
  ['install', '--use', 'x'],
  ['install', '--user', 'x'],
  ['install', '--no-user', 'x'],
  ['install', '--user', '--no-user', 'x'],
  ['install', '--no-user', '--user', 'x'],
  ['install', '--user=1', 'x'],
  ['install', '--index-url=http://x', 'y'],
  ['install', '--index-ur', 'http://x', 'y'],
  ['install', '-ihttp://x', 'y'],
  ['install', '--index-url', '--user', 'x'],
  ['install', '-i'],
  ['--python', '/p', 'install', 'x'],
  ['--python=/p', 'install', 'x'],
  ['--pyt', '/p', 'install', 'x'],
  ['install', '--python', '/p', 'x'],
  ['install', '--', '-weird-name'],
  ['install', 'x', '--', '--user'],
  ['--', 'install', '--user', 'x'],
  ['--', 'install', '--', 'x'],
  ['list', '--format', 'json'],
  ['list', '--user', '-v'],
  ['-vvv', 'install', 'x'],
  ['-v', 'install', '-vv', '-q', 'x'],
  ['install', '-e', '.'],
  ['install', '-e.', '-eother'],
  ['install', '-vqUe', '.'],
  ['install', '-qqU', 'x'],
  ['install', '-Urreq.txt', 'x'],
  ['-qqU', 'install', 'x'],
  ['--user', 'install', 'x'],
  ['instal', 'x'],
  ['Install', 'x'],
  ['install', '--frobnicate', 'x'],
  ['install', '-qZ', 'x'],
  ['install', '--lo', 'l', 'x'],
  ['install', '--log-f', 'l', 'x'],
  ['install', '--no-dep', 'x'],
  ['install', '--pre', 'x'],
  ['--pr=http://p', 'install', 'x'],
  ['--prox=http://p', 'install', 'x'],
  ['--log', 'install', 'install', 'x'],
  ['install', '-', 'x'],
  ['install', '--dry-run', 'x'],
  ['install', '--report', 'r.json', 'x'],
  ['install', '--break-system-packages', 'x'],
  ['install', '--root-user-action', 'ignore', 'x'],
  ['install', '-C', 'k=v', 'x'],
  ['install', '--config-settings', 'k=v', 'x'],
  ['install', '--use-feature', 'fast-deps', 'x'],
  ['install', '--install-option=--x', 'y'],
  ['install', '-b', 'build', 'x'],
  ['install', '--check-build-dependencies', 'x'],
  ['download', '-d', 'dir', 'x', '-r', 'r.txt'],
  ['wheel', '-w', 'w', '-e', '.', '--no-verify'],
  ['uninstall', '-yr', 'r.txt', 'x'],
  ['freeze', '-r', 'r.txt', '--exclude', 'pip'],
  ['cache', 'list', '--format', 'abspath'],
  ['inspect', '--user'],
  ['index', 'versions', 'x', '-i', 'http://x'],
  ['debug', '--platform', 'p', '--abi', 'a'],
  ['config', '--user', 'set', 'a', 'b'],
  ['help', 'install'],
  ['show', '-f', 'x'],
  ['--log', 'install', '-v', 'install', 'x'],
  // The main parser prints help at -h though install's parser would reject --pro.
  ['--pro', '--prefe', '-hx', 'wheel'],
  ['lock', '-o', 'pylock.toml', '.'],
  ['install', '--group', 'dev', '.'],
  ['install', '--build-constraint', 'b.txt', 'x'],
  ['install', '--global-option=--x', 'y'],
  ['install', '--no-use-pep517', 'x'],
  ['wheel', '--build-option', '--x', 'y'],
  ['install', '--only-deps', '.'],
  ['install', '--only', 'x'],
  ['install', '--uploaded-prior-to', '2026-01-01', 'x'],
  ['install', '--all-releases', ':all:', '--only-final', 'x', 'y'],
  ['install', '--requirements-from-script', 's.py'],
  ['install', '--no-require-hashes', '-r', 'r.txt'],
  ['--no-proxy-env', 'install', 'x'],
  ['--resume-retries', '3', 'install', 'x'],
  ['install', '--refresh-package', 'x', 'x'],
  ['install', '--re', 'x'],
  ['index', 'versions', '--json', 'x'],
  ['list', '--prefer-binary'],
  ['--no-python-version-warning', 'install', 'x'],
  ['install', '--help', '--frobnicate'],
  ['-h', 'install'],
  ['--version', 'install', 'x'],
  ['help'],
  [],
  ['-v'],
];

/** Our tables in the server's format: `spelling dest takesValue`. */
function ourRows(version: string, command: string | null): string[] {
  const tables = pipTables(version);
  const table = command === null ? tables.general : tables.command(command);
  if (!table) return [];
  const rows: string[] = [];
  for (const [s, def] of table.long) {
    if (def.general === (command === null)) rows.push(`${s} ${def.dest} ${+def.takesValue}`);
  }
  for (const [c, def] of table.short) {
    if (def.general === (command === null)) rows.push(`-${c} ${def.dest} ${+def.takesValue}`);
  }
  return rows.sort();
}

interface PipUnderTest {
  label: string;
  /** The interpreter whose pip is tested, made in beforeAll; null: skipped. */
  python: () => Promise<string>;
  skip: string | null;
}

let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'pipwarden-diff-'));
  writeFileSync(REPORT, `seed ${SEED}, ${SAMPLE} generated argv per pip\n`);
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const env = () =>
  hermeticEnv(home, {
    PIP_DISABLE_PIP_VERSION_CHECK: undefined,
    PIP_NO_INPUT: undefined,
  });

function pyenvPip(minor: string, pip: string): PipUnderTest {
  const python = pyenvPython(minor);
  return {
    label: `pip ${pip} (pyenv ${minor})`,
    python: async () => python!,
    skip: python ? null : `no pyenv ${minor} on this machine`,
  };
}

function wheelPip(pip: string): PipUnderTest {
  const { wheel, why } = pipWheel(pip);
  const base =
    pyenvPython('3.13') ?? pyenvPython('3.12') ?? pyenvPython('3.11') ?? pyenvPython('3.10');
  return {
    label: `pip ${pip} (wheel)`,
    python: () => venvWithPipWheel(base!, wheel!, join(home, `pip-${pip}`), env()),
    skip: !wheel ? why : base ? null : 'no pyenv python >= 3.10 for the pip wheel',
  };
}

const PIPS: PipUnderTest[] = [
  pyenvPip('3.6', '18.1'),
  pyenvPip('2.7', '19.2.3'),
  pyenvPip('3.7', '22.0.4'),
  pyenvPip('3.8', '23.0.1'),
  pyenvPip('3.11', '23.2.1'),
  pyenvPip('3.13', '24.2'),
  wheelPip('25.1.1'),
  wheelPip('25.3'),
  wheelPip('26.2.1'),
];

const GENERATED = fc.sample(pipArgvArb, { seed: SEED, numRuns: SAMPLE });
const { lines: CORPUS, dropped: DROPPED } = loadCorpus();
const DISTINCT = new Set(CORPUS.map((c) => JSON.stringify(c.argv))).size;

/** One pip's parser with its three batches in flight. */
interface Session {
  pip: PipParser;
  cases: Promise<PipResult[]>;
  generated: Promise<PipResult[]>;
  corpus: Promise<PipResult[]>;
}

/**
 * Every pip starts at once and gets all its argv at once, so the python
 * processes share both cores while this process parses its side.
 */
const sessions = new Map<string, Promise<Session>>();
beforeAll(() => {
  for (const { label, python, skip } of PIPS) {
    if (skip) continue;
    const session = python()
      .then((p) => startPipParser(p, env()))
      .then((pip) => ({
        pip,
        cases: pip.parse(CASES),
        generated: pip.parse(GENERATED),
        corpus: pip.parse(CORPUS.map((c) => c.argv)),
      }));
    session.catch(() => {}); // reported by the test that awaits it
    sessions.set(label, session);
  }
});
afterAll(async () => {
  for (const session of sessions.values()) (await session.catch(() => null))?.pip.close();
});

/** The count that agree and the first few that do not. */
function compare(version: string, batch: readonly string[][], results: PipResult[]) {
  const wrong: string[] = [];
  let agreed = 0;
  results.forEach((result, i) => {
    const why = disagreement(parsePipArgv([...batch[i]!], version), result, version);
    if (why === null) agreed++;
    else if (wrong.length < 10) wrong.push(`${JSON.stringify(batch[i])}: ${why}`);
  });
  return { agreed, wrong };
}

function record(line: string): void {
  console.log(line);
  writeFileSync(REPORT, `${line}\n`, { flag: 'a' });
}

describe.each(PIPS)('$label', ({ label, skip }) => {
  const reason = skip ? ` (skipped: ${skip})` : '';
  const skipped = needs(`${label}: ${skip}`, !skip);
  let session: Session;
  beforeAll(async () => {
    if (!skip) session = await sessions.get(label)!;
  });

  it.skipIf(skipped)(`has the subcommands and options of our tables${reason}`, () => {
    const { pip } = session;
    const commands = Object.keys(pip.tables).filter((k) => k !== 'general');
    expect(pipCommands(pip.version).sort()).toEqual(commands.sort());
    expect(ourRows(pip.version, null)).toEqual(pip.tables.general);
    for (const name of commands) {
      expect({ name, rows: ourRows(pip.version, name) }).toEqual({ name, rows: pip.tables[name] });
    }
  });

  it.skipIf(skipped)(`agrees on the hand-written cases${reason}`, async () => {
    const { agreed, wrong } = compare(session.pip.version, CASES, await session.cases);
    expect(wrong).toEqual([]);
    expect(agreed).toBe(CASES.length);
  });

  it.skipIf(skipped)(`agrees on ${SAMPLE} generated argv${reason}`, async () => {
    const { agreed, wrong } = compare(session.pip.version, GENERATED, await session.generated);
    record(`${label}: generated ${agreed}/${GENERATED.length}`);
    expect(wrong).toEqual([]);
  });

  it.skipIf(skipped)(`agrees on the ${CORPUS.length} corpus command lines${reason}`, async () => {
    const batch = CORPUS.map((c) => c.argv);
    const { agreed, wrong } = compare(session.pip.version, batch, await session.corpus);
    record(`${label}: corpus ${agreed}/${CORPUS.length} (${DISTINCT} distinct argv)`);
    expect(wrong).toEqual([]);
  });
});

describe('the corpus', () => {
  it('holds at least 300 distinct pip command lines, each with its source', () => {
    expect(DISTINCT).toBeGreaterThanOrEqual(300);
    for (const c of CORPUS) expect(c.source).toMatch(/^[\w.-]+\/[\w.-]+ \S/);
    // Shell-dependent lines are dropped, never guessed at.
    record(
      `corpus: ${CORPUS.length} lines kept, ${DISTINCT} distinct argv, ${DROPPED.length} dropped`,
    );
    for (const d of DROPPED) expect(d.why).not.toBe('');
  });
});

describe('parse → render', () => {
  const versions = ['18.1', '19.2.3', '22.0.4', '23.2.1', '24.2', '25.1.1', '25.3', '26.2.1'];
  // Found by an unseeded run: pip 18.1 `completion --user --ab -- --user`
  // (two unknown options, and a positional equal to one of them).
  it('gives back an unknown option and an equal positional in their places', () => {
    const argv = ['completion', '--user', '--ab', '--', '--user'];
    expect(renderPipArgv(parsePipArgv(argv, '18.1'))).toEqual(argv);
    const segs = pipSegments(parsePipArgv(argv, '18.1'));
    expect(segs?.map((s) => s.kind)).toEqual([
      'subcommand',
      'unknown',
      'unknown',
      'separator',
      'positional',
    ]);
  });

  it(`gives argv back byte for byte (${ROUND_TRIPS} runs)`, () => {
    fc.assert(
      fc.property(pipArgvArb, fc.constantFrom(...versions), (argv, version) => {
        expect(renderPipArgv(parsePipArgv(argv, version))).toEqual(argv);
      }),
      // Seeded like the sample above, so CI is repeatable; DIFF_SEED varies it.
      { numRuns: ROUND_TRIPS, seed: SEED },
    );
  });
});

describe.each(['2.7', '3.13'])('python %s runs pip exactly when isPipModule says so', (minor) => {
  const python = pyenvPython(minor);
  const noPython = needs(`pyenv Python ${minor}`, python);
  const cases: string[][] = [
    ['-m', 'pip'],
    ['-I', '-m', 'pip'],
    ['-Im', 'pip'],
    ['-mpip'],
    ['-Esm', 'pip'],
    ['-X', 'dev', '-m', 'pip'],
    ['-W', 'ignore', '-m', 'pip'],
    ['-Qnew', '-m', 'pip'],
    ['-m', 'pip.__main__'],
    ['-V', '-m', 'pip'],
    ['-c', 'pass', '-m', 'pip'],
    ['--', '-m', 'pip'],
    ['-J', '-m', 'pip'],
    ['--check-hash-based-pycs', 'always', '-m', 'pip'],
  ];
  it.skipIf(noPython).each(cases.map((c) => [c.join(' '), c] as const))('%s', async (_, args) => {
    const argv = [...args, '--version'];
    const { stdout } = await run(python!, argv, { env: env() }).catch((e) => e);
    const version = minor === '2.7' ? '2.7.18' : minor;
    expect(isPipModule(parsePythonArgv(argv, version))).toBe(String(stdout).startsWith('pip '));
  });
});
