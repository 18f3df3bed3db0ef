import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseShimStamp, SHIM_FORMAT } from '../../core/render/shim.js';
import { gatherFacts } from '../../io/gather-facts.js';
import { loadConfig } from '../../io/load-config.js';
import { packageVersion } from '../../io/package-paths.js';
import { shimDir } from '../../io/paths.js';
import { findShimLoops } from '../../io/shim-loops.js';
import { findOnPath } from '../../io/which.js';
import type { Command, CommandContext } from '../context.js';
import { splitArgs } from '../split-args.js';

interface Check {
  status: 'ok' | 'warn' | 'fail';
  what: string;
  /** The next step, for warn and fail. */
  next?: string;
}

/**
 * `pipwarden doctor`: is the setup doing what the user thinks? One line per
 * check, each problem with its next step. Exit 1 when any check fails.
 */
export const doctor: Command = async (args, ctx) => {
  const { flags } = splitArgs('doctor', args, ['--json']);
  const checks = [
    nodeVersion(),
    ...shims(ctx),
    ...(await config(ctx)),
    ...(await interpreters(ctx)),
    ...(await shimLoops(ctx)),
    disabled(ctx),
  ].filter((c): c is Check => c !== null);
  if (flags.has('--json')) {
    ctx.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
  } else {
    for (const c of checks) {
      ctx.stdout.write(`${c.status.padEnd(4)} ${c.what}\n`);
      if (c.next) ctx.stdout.write(`     next: ${c.next}\n`);
    }
  }
  return checks.some((c) => c.status === 'fail') ? 1 : 0;
};

/** Shims whose real command is a shim manager that falls back to PATH, i.e. back to the shim. */
async function shimLoops(ctx: CommandContext): Promise<Check[]> {
  const loops = await findShimLoops(shimDir(ctx.env), ctx.env, ctx.cwd);
  if (loops.length === 0) return [];
  const via = [...new Set(loops.map((l) => l.real.slice(0, l.real.lastIndexOf('/'))))].join(', ');
  const names = loops.map((l) => (l.next ? `${l.name} (then ${l.next})` : l.name));
  return [
    {
      status: 'warn',
      what: `${names.join(' ')}: ${via} has none of its own and falls back to PATH, which leads back to pipwarden's shim; each goes on to the next on PATH, or ends with "command not found" (127)`,
      next: 'select a version that has them (pyenv shell/local/global, asdf or mise)',
    },
  ];
}

function nodeVersion(): Check {
  const major = Number(process.versions.node.split('.')[0]);
  return major >= 20
    ? { status: 'ok', what: `node ${process.versions.node}` }
    : {
        status: 'fail',
        what: `node ${process.versions.node} is older than 20`,
        next: 'install Node 20 or newer',
      };
}

function shims(ctx: CommandContext): Check[] {
  const dir = shimDir(ctx.env);
  if (!existsSync(dir)) {
    return [{ status: 'fail', what: `no shim dir at ${dir}`, next: 'pipwarden rehash' }];
  }
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => !n.startsWith('.'));
  } catch (error) {
    // PIPWARDEN_SHIM_DIR=/dev/null, a file, or a dir this user cannot list.
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return [
      {
        status: 'fail',
        what: `the shim dir ${dir} cannot be listed (${code === 'ENOTDIR' ? 'not a directory' : code})`,
        next: 'set PIPWARDEN_SHIM_DIR to a directory you own (or unset it), then pipwarden rehash',
      },
    ];
  }
  const out: Check[] = [];
  const stale = names.filter((n) => {
    const stamp = parseShimStamp(readHead(join(dir, n)));
    return stamp === null || stamp.format !== SHIM_FORMAT || stamp.version !== packageVersion();
  });
  if (names.length === 0) {
    out.push({ status: 'fail', what: `no shims in ${dir}`, next: 'pipwarden rehash' });
  } else if (stale.length) {
    out.push({
      status: 'warn',
      what: `${stale.length} of ${names.length} shims in ${dir} were written by another pipwarden version (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''})`,
      next: 'pipwarden rehash',
    });
  } else {
    out.push({ status: 'ok', what: `${names.length} shims in ${dir}, all current` });
  }
  const baked = /^_pw_node='([^']*)'$/m.exec(names[0] ? readHead(join(dir, names[0])) : '')?.[1];
  if (baked !== undefined && !existsSync(baked)) {
    out.push({
      status: 'fail',
      what: `the shims run ${baked}, which is gone`,
      next: 'pipwarden rehash',
    });
  }
  const first = (ctx.env.PATH ?? '').split(':')[0] ?? '';
  const isFirst = first !== '' && existsSync(first) && realpathSync(first) === realpathSync(dir);
  out.push(
    isFirst
      ? { status: 'ok', what: 'the shim dir is first on PATH' }
      : {
          status: 'warn',
          what: 'the shim dir is not first on PATH in this shell',
          next: 'eval "$(pipwarden init bash)" in ~/.bashrc (zsh: init zsh; fish: pipwarden init fish | source)',
        },
  );
  return out;
}

function readHead(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(0, 1024);
  } catch {
    return '';
  }
}

async function config(ctx: CommandContext): Promise<Check[]> {
  const loaded = await loadConfig({ cwd: ctx.cwd, env: ctx.env, home: ctx.env.HOME || homedir() });
  const files = loaded.resolved.layers.map((l) => `${l.level}: ${l.file}`);
  const out: Check[] = [
    {
      status: loaded.errors.length ? 'fail' : 'ok',
      what: `config ${files.length ? files.join(', ') : '(defaults only)'}`,
    },
  ];
  for (const e of loaded.errors)
    out.push({ status: 'fail', what: e, next: 'fix the file; pipwarden config shows the result' });
  for (const w of loaded.warnings) out.push({ status: 'warn', what: w });
  return out;
}

async function interpreters(ctx: CommandContext): Promise<Check[]> {
  const out: Check[] = [];
  for (const name of ['pip', 'pip3', 'python3']) {
    const real = findOnPath(name, ctx.env.PATH ?? '', { exclude: [shimDir(ctx.env)] });
    if (real === null) {
      out.push({ status: 'warn', what: `${name}: none on PATH` });
      continue;
    }
    try {
      const facts = await gatherFacts({
        tool: { kind: name.startsWith('pip') ? 'pip' : 'python', name, path: real },
        env: ctx.env,
        cwd: ctx.cwd,
      });
      const i = facts.interpreter;
      if (i === null) {
        out.push({ status: 'warn', what: `${name} → ${real}: its interpreter could not be found` });
        continue;
      }
      const traits = [
        i.envKind,
        i.sitePackagesWritable ? 'writable' : 'site-packages NOT writable',
        i.externallyManaged ? 'externally managed' : null,
        i.pipVersion ? `pip ${i.pipVersion}` : 'no pip',
      ].filter(Boolean);
      out.push({
        status: 'ok',
        what: `${name} → ${real} (Python ${i.version.join('.')}, ${traits.join(', ')})`,
      });
    } catch (error) {
      out.push({
        status: 'fail',
        what: `${name} → ${real}: ${(error as Error).message}`,
        next: `run ${real} --version by hand`,
      });
    }
  }
  return out;
}

function disabled(ctx: CommandContext): Check | null {
  return ctx.env.PIPWARDEN_DISABLE === '1'
    ? {
        status: 'warn',
        what: 'PIPWARDEN_DISABLE=1: every call passes straight through',
        next: 'unset PIPWARDEN_DISABLE',
      }
    : null;
}
