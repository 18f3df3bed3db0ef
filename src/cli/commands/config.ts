import { displayPath } from '../../core/config/display.js';
import { CONFIG_KEYS, flatten } from '../../core/config/keys.js';
import { overrideHint } from '../../core/config/override-layers.js';
import type { ResolvedConfig, SituationRule, ValueSource } from '../../core/config/types.js';
import type { Rule } from '../../core/config/validate-rules.js';
import { PipwardenError } from '../../core/errors.js';
import { type ConfigLocations, configLocations, loadConfig } from '../../io/config/load-config.js';
import type { Command } from '../context.js';
import { printWarnings } from '../print-notices.js';
import { splitArgs } from '../split-args.js';

/**
 * `pipwarden config [--json]`: the merged config, each value with the file it
 * came from, and where each layer was looked for. Warnings go to stderr;
 * any error means nothing on stdout and exit 78 (64 when only PIPWARDEN_*
 * variables are wrong), every error listed.
 */
export const config: Command = async (args, ctx) => {
  if (args[0] === 'validate') {
    const { configValidate } = await import('./config-validate.js');
    return configValidate(args.slice(1), ctx);
  }
  const { flags, rest } = splitArgs('config', args);
  if (rest.length > 0) {
    throw new PipwardenError(
      'usage',
      `config: unexpected argument "${rest[0]}"`,
      'pipwarden config [--json]',
    );
  }
  const { home } = ctx;
  const options = { cwd: ctx.cwd, env: ctx.env, home };
  const { resolved, warnings, errors, overrideErrors } = await loadConfig(options);
  await printWarnings(warnings, ctx.stderr);
  const last = errors.at(-1);
  if (last !== undefined) {
    // Every problem, one per line, in the reporter's own format; the last
    // goes through the reporter so it carries the hint and the exit code.
    for (const e of errors.slice(0, -1)) ctx.stderr.write(`pipwarden: error: ${e}\n`);
    // Only PIPWARDEN_* variables wrong: a usage error that names no file.
    const onlyVars = overrideErrors.length === errors.length;
    if (onlyVars) throw new PipwardenError('usage', last, overrideHint('env'));
    throw new PipwardenError('config', last, HINT);
  }
  const searched = configLocations(options);
  if (flags.has('--json')) {
    ctx.stdout.write(`${JSON.stringify({ ...resolved, searched }, null, 2)}\n`);
  } else {
    ctx.stdout.write(describe(resolved, searched, home));
  }
  return 0;
};

const HINT =
  'fix the files named above (docs/config.md lists every key), or bypass pipwarden once with PIPWARDEN_DISABLE=1';

function describe(resolved: ResolvedConfig, searched: ConfigLocations, home: string): string {
  const flat = flatten(resolved.config) as Record<string, unknown>;
  const width = Math.max(...CONFIG_KEYS.map((k) => k.length)) + 2;
  const out: string[] = [];
  for (const key of CONFIG_KEYS) {
    const value = flat[key];
    const rule = isRule(value) ? value : null;
    const rules = Array.isArray(value) ? (value as Rule[]) : null;
    const shown = rule
      ? rule.action
      : rules
        ? `${rules.length} rule${rules.length === 1 ? '' : 's'}`
        : JSON.stringify(value);
    const lock = resolved.locks[key];
    const locked = lock === undefined ? '' : `  (locked by ${displayPath(lock, home)})`;
    out.push(
      `${key.padEnd(width)}${shown.padEnd(8)}  ${source(resolved.sources[key], home)}${locked}`,
    );
    if (rule?.message) out.push(`${''.padEnd(width)}message: ${JSON.stringify(rule.message)}`);
    for (const r of rules ?? []) {
      const name = r.name ? `${r.name}: ` : '';
      const from = r.file ? `  (${displayPath(r.file, home)})` : '';
      out.push(`${''.padEnd(width)}${name}when ${JSON.stringify(r.when)} → ${r.action}${from}`);
    }
  }
  const used = (level: string) => resolved.layers.findLast((l) => l.level === level)?.file;
  const projectFrom = searched.project[0] ?? '';
  const projectTo = searched.project.at(-1) ?? '';
  const disable = resolved.locks.disable;
  if (disable !== undefined) {
    out.push(
      `${'PIPWARDEN_DISABLE'.padEnd(width)}ignored   (locked by ${displayPath(disable, home)})`,
    );
  }
  out.push('', 'files (later ones win):');
  const places: [string, string][] = [
    ['org', `none in ${searched.orgDirs.map((d) => displayPath(d, home)).join(', ')}`],
    ['user', `none in ${displayPath(searched.user, home)}`],
    [
      'project',
      `none from ${displayPath(projectFrom, home)} up to ${displayPath(projectTo, home)}`,
    ],
  ];
  for (const [level, none] of places) {
    const file = used(level);
    out.push(`  ${level.padEnd(9)}${file ? displayPath(file, home) : `(${none})`}`);
  }
  return `${out.join('\n')}\n`;
}

function source(s: ValueSource | undefined, home: string): string {
  if (!s || s.level === 'default') return '(default)';
  return `${s.level}: ${displayPath(s.file, home)}`;
}

function isRule(value: unknown): value is SituationRule {
  return typeof value === 'object' && value !== null && 'action' in value;
}
