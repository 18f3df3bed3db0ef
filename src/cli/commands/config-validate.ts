import { resolve } from 'node:path';
import { PipwardenError } from '../../core/errors.js';
import { checkConfigFile } from '../../io/config/check-config-file.js';
import { loadConfig } from '../../io/config/load-config.js';
import type { CommandContext } from '../context.js';
import { splitArgs } from '../split-args.js';

/**
 * `pipwarden config validate [--strict] [FILE]`, for the CI of org config
 * repos: every problem on stderr, one line each, and an exit code: 0 valid,
 * 78 invalid (with --strict, warnings count too), 64 usage. Without FILE,
 * the layers this directory would use are checked.
 */
export async function configValidate(args: string[], ctx: CommandContext): Promise<number> {
  const { flags, rest } = splitArgs('config validate', args);
  if (rest.length > 1) {
    throw new PipwardenError(
      'usage',
      `config validate: unexpected argument "${rest[1]}"`,
      'pipwarden config validate [--strict] [FILE]',
    );
  }
  const home = ctx.home;
  const { errors, warnings, label } = rest[0]
    ? await checkConfigFile(resolve(ctx.cwd, rest[0]), home)
    : { ...(await loadConfig({ cwd: ctx.cwd, env: ctx.env, home })), label: 'config' };
  for (const w of warnings) ctx.stderr.write(`pipwarden: warning: ${w}\n`);
  for (const e of errors) ctx.stderr.write(`pipwarden: error: ${e}\n`);
  const failed = errors.length > 0 || (flags.has('--strict') && warnings.length > 0);
  if (failed) {
    ctx.stderr.write(
      `pipwarden: next: fix the lines above (docs/config.md lists every key)${flags.has('--strict') ? '; --strict counts warnings' : ''}\n`,
    );
    return 78;
  }
  ctx.stdout.write(`ok: ${label}\n`);
  return 0;
}
