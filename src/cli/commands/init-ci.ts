import { join, resolve } from 'node:path';
import type { Env } from '../../core/env.js';
import { PipwardenError } from '../../core/errors.js';
import { shQuote } from '../../core/render/quote.js';
import { SHIM_DIR_MARKER } from '../../core/render/shim.js';
import { exists } from '../../io/fs-checks.js';
import { shimDir } from '../../io/paths.js';
import { appendToRunnerFile, writeCiEnvFile } from '../../io/shell/ci-files.js';
import type { CommandContext } from '../context.js';
import { writeShims } from './rehash.js';

/** The CI runners `init --ci` knows, and how each carries PATH from one step to the next. */
export const CI_RUNNERS = ['github', 'gitlab', 'circleci'] as const;
export type CiRunner = (typeof CI_RUNNERS)[number];

const NEXT = 'pipwarden init --ci github|gitlab|circleci';

/** The runner this job runs on, from the variables each sets in every job. */
export function detectRunner(env: Env): CiRunner | null {
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.GITLAB_CI === 'true') return 'gitlab';
  if (env.CIRCLECI === 'true') return 'circleci';
  return null;
}

/** sh that puts `dir` first on PATH, once: what every runner's later steps source or get. */
export function ciEnvScript(dir: string): string {
  const q = shQuote(dir);
  return [
    '# pipwarden: its shims first on PATH (pipwarden init --ci); edits are lost.',
    `case \${PATH-} in ${q} | ${q}:*) ;; *) PATH=${q}\${PATH:+:$PATH}; export PATH ;; esac`,
    '',
  ].join('\n');
}

/**
 * `pipwarden init --ci [github|gitlab|circleci]`: the shims for this job's
 * Pythons, and the shim dir first on PATH for the job's later steps, by the
 * runner's own file protocol: a line in the file $GITHUB_PATH names (GitHub
 * Actions prepends it for each later step), a line in $BASH_ENV (CircleCI's
 * bash sources it at the start of each step). It prints the path of an sh
 * file that does the same when sourced: GitLab runs a job's before_script
 * and script in one shell, so `. "$(pipwarden init --ci)"` there covers
 * the rest of the job. `CI` (set by each runner) already turns prompts off.
 */
export function initCi(operand: string | undefined, ctx: CommandContext): number {
  const runner = operand ?? detectRunner(ctx.env);
  if (runner === null || !(CI_RUNNERS as readonly string[]).includes(runner)) {
    throw new PipwardenError(
      'usage',
      runner === null
        ? 'init --ci: no CI runner found (none of GITHUB_ACTIONS, GITLAB_CI, CIRCLECI is "true")'
        : `init --ci: expected one of ${CI_RUNNERS.join(', ')}, got "${runner}"`,
      NEXT,
    );
  }
  const dir = resolve(ctx.cwd, shimDir(ctx.env));
  if (dir.includes('\n')) {
    throw new PipwardenError(
      'usage',
      'init --ci: the shim dir has a newline in its name, which no runner file can carry',
      'set PIPWARDEN_SHIM_DIR to a plain path, then pipwarden init --ci',
    );
  }
  if (!exists(join(dir, SHIM_DIR_MARKER))) {
    const { changes } = writeShims(dir, ctx.env);
    ctx.stderr.write(`pipwarden: init --ci: wrote ${changes.written.length} shims in ${dir}\n`);
  }
  const file = writeCiEnvFile(ctx.env, ciEnvScript(dir));
  if (runner === 'github') {
    appendTo(ctx.env, 'GITHUB_PATH', `${dir}\n`);
    ctx.stderr.write(
      `pipwarden: init --ci: ${dir} goes first on PATH from the next step on ($GITHUB_PATH)\n`,
    );
  } else if (runner === 'circleci') {
    appendTo(ctx.env, 'BASH_ENV', `. ${shQuote(file)}\n`);
    ctx.stderr.write(`pipwarden: init --ci: each later step's bash sources ${file} ($BASH_ENV)\n`);
  } else {
    ctx.stderr.write(
      `pipwarden: init --ci: source the file below in before_script (. "$(pipwarden init --ci)"): the job's later lines run in that shell\n`,
    );
  }
  ctx.stdout.write(`${file}\n`);
  return 0;
}

function appendTo(env: Env, name: 'GITHUB_PATH' | 'BASH_ENV', line: string): void {
  const file = env[name];
  if (!file) {
    throw new PipwardenError(
      'usage',
      `init --ci: ${name} is not set, so the later steps cannot be told`,
      `run it as a step of the job (the runner sets ${name}), or ${NEXT} for another runner`,
    );
  }
  const failed = appendToRunnerFile(file, line);
  if (failed !== null) {
    throw new PipwardenError(
      'usage',
      `init --ci: ${name}=${file}: cannot append (${failed})`,
      `run it as a step of the job, where the runner makes ${name} writable`,
    );
  }
}
