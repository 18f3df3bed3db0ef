import { shWord } from './quote.js';

/** The two stamps whose order tells a `test -nt` that sees sub-second mtimes (io/plan-cache/stamps.ts makes them). */
export const RESOLUTION = { coarse: 'res.coarse', fine: 'res.fine' } as const;

/**
 * Bumped when the entry's sh or the shim's key changes meaning. It leads the
 * key (`_pw_k`), so a shim never sources an entry in another format.
 */
export const PLAN_CACHE_FORMAT = 2;

/** What a path was when the decision read it, as sh `test` can check it again. */
export interface PathState {
  path: string;
  kind: 'missing' | 'file' | 'dir' | 'other';
  /** A symbolic link (for `missing`: a dangling one). */
  link: boolean;
  /** Where it leads, for a link or a path the decision resolved: checked with `-ef`, so a retargeted link or a directory above it that now leads elsewhere shows. */
  target?: string;
  /** access(2) as this user. */
  readable: boolean;
  writable: boolean;
  executable: boolean;
  /** A step on the way to a resolved path: only its type and link are checked. */
  step?: boolean;
  /**
   * Files and directories: the two stamps (in `$_pw_c/stamps/`) whose mtimes
   * bracket its own; `whole`: a pair of the same names in `stamps/s/`
   * brackets its whole second too, for a shell whose `test -nt` compares
   * whole seconds (io/plan-cache/stamps.ts).
   */
  mtime?: { lo: string; hi: string; whole: boolean };
}

/** One cached decision: the shim's key, every input the engine read, and what to replay. */
export interface PlanCacheEntry {
  key: string;
  /** The physical working directory the engine decided in. */
  cwd: string;
  /** Whether stderr was a terminal (colour in the notices depends on it). */
  stderrTty: boolean;
  /** Variables read, in the order read; undefined: unset. */
  vars: [string, string | undefined][];
  /** For each listed prefix, how many variables had it. */
  prefixes: [string, number][];
  paths: PathState[];
  /** The audit record a replay leaves for the engine to fold into the log (io/audit/pending.ts). */
  audit?: { dir: string; line: string };
  /** What the engine printed on stderr, replayed byte for byte. */
  stderr: string;
  /** The plan as planToSh rendered it. */
  plan: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The entry as sh, sourced by the shim inside `_pw_engine`. Sourcing only
 * defines `_pw_replay` and, on the last line, sets `_pw_whole` to the key:
 * the shim calls `_pw_replay` only when `_pw_whole` is its own key, so an
 * entry cut short (a full disk, a crash before the data reached it) is a
 * miss, never a plan that lost its trailing arguments. sh parses the whole
 * function before it runs any of it, and a cut inside it or inside the last
 * line's quoted key is a syntax error, which defines nothing.
 *
 * In `_pw_replay`, each line checks one input and returns to the shim
 * (which then asks the engine) when it no longer holds; past the checks,
 * the plan runs exactly as the engine printed it. `$_pw_c` is pipwarden's
 * cache dir, which holds the mtime stamps (io/plan-cache/stamps.ts).
 */
export function renderPlanCacheEntry(entry: PlanCacheEntry): string {
  const lines = [
    '# pipwarden plan cache entry: written by `pipwarden shell-plan` and sourced by the shim; safe to delete.',
    '# Each check must hold, or the shim asks the engine again.',
    '_pw_replay() {',
    `[ "$_pw_k" = ${shWord(entry.key)} ] || return 0`,
    `[ . -ef ${shWord(entry.cwd)} ] || return 0`,
    `[ ${entry.stderrTty ? '' : '! '}-t 2 ] || return 0`,
  ];
  for (const [name, value] of entry.vars) {
    if (!NAME.test(name)) throw new Error(`a variable sh cannot name: ${name}`);
    lines.push(
      value === undefined
        ? `[ -z "\${${name}+s}" ] || return 0`
        : `[ "\${${name}+s}\${${name}-}" = ${shWord(`s${value}`)} ] || return 0`,
    );
  }
  for (const [prefix, count] of entry.prefixes) {
    if (!NAME.test(prefix)) throw new Error(`a prefix sh cannot scan: ${prefix}`);
    lines.push(`_pw_env_count ${prefix} && [ "$_pw_n" = ${count} ] || return 0`);
  }
  if (entry.paths.some((p) => p.mtime?.whole)) {
    // bash 3.2 and busybox compare mtimes in whole seconds: there, the pairs
    // in stamps/s/ stand in, and a path that has none misses.
    lines.push(
      '_pw_st=$_pw_c/stamps',
      `[ "$_pw_st"/${RESOLUTION.fine} -nt "$_pw_st"/${RESOLUTION.coarse} ] || _pw_st=$_pw_st/s`,
    );
  }
  for (const p of entry.paths) lines.push(`${pathChecks(p).join(' && ')} || return 0`);
  if (entry.audit) {
    // One file per call, named by the pid (exec keeps it for pip); noclobber
    // makes a leftover of an earlier process with that pid a miss, not a loss.
    lines.push(
      'set -C',
      `if ! { printf '%s\\n' ${shWord(entry.audit.line)} >${shWord(`${entry.audit.dir}/`)}"$$"; } 2>/dev/null; then set +C; return 0; fi`,
      'set +C',
    );
  }
  if (entry.stderr !== '') lines.push(`printf '%s' ${shWord(entry.stderr)} >&2`);
  lines.push(entry.plan.trimEnd(), '}', `_pw_whole=${shWord(entry.key)}`);
  return `${lines.join('\n')}\n`;
}

function pathChecks(p: PathState): string[] {
  const q = shWord(p.path);
  if (p.kind === 'missing') return [`[ ! -e ${q} ]`, `[ ${p.link ? '' : '! '}-L ${q} ]`];
  const type = p.kind === 'file' ? '-f' : p.kind === 'dir' ? '-d' : '-e';
  const checks = [`[ ${type} ${q} ]`, `[ ${p.link ? '' : '! '}-L ${q} ]`];
  if (p.target !== undefined) checks.push(`[ ${q} -ef ${shWord(p.target)} ]`);
  if (p.step) return checks;
  for (const [flag, on] of [
    ['-r', p.readable],
    ['-w', p.writable],
    ['-x', p.executable],
  ] as const) {
    checks.push(`[ ${on ? '' : '! '}${flag} ${q} ]`);
  }
  if (p.mtime) {
    const dir = p.mtime.whole ? '"$_pw_st"' : '"$_pw_c"/stamps';
    checks.push(
      `[ ${q} -nt ${dir}/${shWord(p.mtime.lo)} ]`,
      `[ ${q} -ot ${dir}/${shWord(p.mtime.hi)} ]`,
    );
  }
  return checks;
}
