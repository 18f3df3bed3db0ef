import type { ChalkInstance } from 'chalk';
import type { Facts } from '../../core/facts.js';
import type { Plan } from '../../core/plan.js';
import { shArgv } from '../../core/render/quote.js';
import type { Command } from '../context.js';
import { prepare } from '../prepare.js';
import { formatNotice, loadChalk, printWarnings } from '../print-notices.js';
import { splitArgs } from '../split-args.js';

/** `pipwarden explain [--json] -- <command…>`: the plan, and nothing run. */
export const explain: Command = async (args, ctx) => {
  const { flags, rest, all } = splitArgs('explain', args);
  const { plan, warnings } = await prepare(rest, { ...ctx, configSets: all.get('--set') });
  await printWarnings(warnings, ctx.stderr);
  if (flags.has('--json')) {
    ctx.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  } else {
    ctx.stdout.write(describe(plan, await loadChalk()));
  }
  return 0;
};

/** The few facts that explain most decisions, one line each. */
function factLines(facts: Facts): string[] {
  const out: string[] = [];
  const i = facts.interpreter;
  if (i) {
    const traits = [
      `Python ${i.version.join('.')}`,
      i.envKind === 'system' ? 'no env' : `${i.envKind} ${i.prefix}`,
      i.sitePackagesWritable ? 'site-packages writable' : 'site-packages NOT writable',
      i.externallyManaged ? 'externally managed' : null,
      i.pipVersion ? `pip ${i.pipVersion}` : 'no pip',
    ].filter(Boolean);
    out.push(`python:  ${i.executable} (${traits.join(', ')})`);
  }
  const e = facts.activeEnv;
  if (e)
    out.push(`active:  ${e.kind} ${e.prefix} (${e.source})${e.pip ? '' : ', no pip of its own'}`);
  return out;
}

function describe(plan: Plan, c: ChalkInstance): string {
  const out: string[] = [`action:  ${plan.action}`];
  if (plan.action === 'refuse') {
    out.push(`exit:    ${plan.exitCode}`);
  } else {
    if (plan.action === 'rewrite') {
      for (const step of plan.before) out.push(`before:  ${shArgv(step)}`);
    }
    for (const [k, v] of Object.entries(plan.env.set)) out.push(`env:     ${k}=${v}`);
    for (const k of plan.env.unset) out.push(`env:     unset ${k}`);
    out.push(`command: ${shArgv(plan.command)}`);
  }
  out.push(...factLines(plan.facts));
  out.push('reasons:');
  for (const r of plan.reasons) {
    const from = !r.source
      ? ''
      : r.source.level === 'default'
        ? ' [default]'
        : ` [${r.source.level}: ${r.source.file}]`;
    out.push(`  ${r.situation} → ${r.action}${from}: ${r.message}`);
  }
  if (plan.notices.length) {
    out.push('prints (stderr):');
    for (const n of plan.notices) out.push(`  ${formatNotice(n, c)}`);
  }
  return `${out.join('\n')}\n`;
}
