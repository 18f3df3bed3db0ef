import type { Facts } from '../facts.js';
import type { Plan } from '../plan.js';
import { formatNotice, type Paint } from './notice-line.js';
import { shArgv } from './quote.js';

/**
 * `pipwarden explain`'s text: the plan, the facts behind it, its reasons
 * (the long sentences), and the very lines the shim would print
 * (`plan.notices`, from src/core/render/notices.ts).
 */
export function explainText(plan: Plan, c: Paint): string {
  const out: string[] = [`action:  ${plan.action}`];
  if (plan.action === 'refuse') {
    out.push(`exit:    ${plan.exitCode}`);
  } else {
    if (plan.action === 'rewrite') {
      for (const step of plan.before) out.push(`before:  ${shArgv(step)}`);
      if (plan.dir !== undefined) out.push(`in:      ${plan.dir}`);
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
