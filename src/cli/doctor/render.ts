import type { ChalkInstance } from 'chalk';
import type { SettingSource } from '../../core/facts.js';
import type { Check, DoctorReport } from './report.js';

/** The one screen: what pip install does here, the facts behind it, then every check. */
export function renderDoctor(r: DoctorReport, c: ChalkInstance): string {
  const out: string[] = [];
  const head = (s: string) => out.push(c.bold(s));
  const row = (k: string, v: string) => out.push(`  ${k.padEnd(11)}${v}`);

  head('pip install here');
  if (r.pipInstall) {
    row('action', r.pipInstall.action);
    if (r.pipInstall.command) row('runs', r.pipInstall.command.join(' '));
    for (const why of r.pipInstall.reasons) row('because', why);
  } else row('action', 'unknown (see the checks below)');

  head('on PATH (first wins)');
  for (const p of r.path) {
    if (p.hits.length === 0) {
      row(p.name, c.dim('none'));
      continue;
    }
    p.hits.forEach((h, i) => {
      const tag = h.pipwardenShim ? c.cyan('pipwarden shim') : h.pyenvShim ? 'pyenv shim' : '';
      const real = h.realpath && h.realpath !== h.path ? ` → ${h.realpath}` : '';
      row(i === 0 ? p.name : '', `${i + 1}. ${h.path}${real}${tag ? ` (${tag})` : ''}`);
    });
    if (p.caught) row('', `caught by the shim; runs ${p.resolvesTo ?? 'nothing (no real one)'}`);
    else row('', c.yellow('not caught by a pipwarden shim'));
  }

  head('environment');
  const e = r.activeEnv;
  row(
    'active env',
    e ? `${e.kind} ${e.prefix} (${e.source})${e.pip ? '' : ', no pip of its own'}` : 'none',
  );
  const i = r.pip.interpreter;
  if (i) {
    row(
      'python',
      `${i.executable} (Python ${i.version.join('.')}, ${i.envKind}, pip ${i.pipVersion ?? 'none'})`,
    );
    row('site', `${i.purelib} ${i.sitePackagesWritable ? 'writable' : c.yellow('NOT writable')}`);
    row(
      'user site',
      i.enableUserSite
        ? `${i.userSite}; scripts ${i.userScripts} ${i.userScriptsOnPath ? 'on PATH' : c.yellow('NOT on PATH')}`
        : 'disabled here',
    );
    row(
      'PEP 668',
      i.externallyManaged
        ? c.yellow(`externally managed (${i.externallyManaged})`)
        : 'not externally managed',
    );
  } else row('python', c.yellow(r.pip.error ?? 'not found'));

  head('pip settings');
  const s = r.pipSettings;
  const settings: [string, { value: unknown; source: SettingSource } | null][] = [
    ['user', s.user],
    ['require-virtualenv', s.requireVirtualenv],
    ['break-system-packages', s.breakSystemPackages],
    ['python', s.python],
    ['target', s.target],
    ['prefix', s.prefix],
    ['root', s.root],
  ];
  const set = settings.filter(([, v]) => v !== null);
  if (set.length === 0) row('', 'none that change where pip installs');
  for (const [k, v] of set) if (v) row(k, `${String(v.value)} (${describe(v.source)})`);
  for (const bad of s.invalid ?? [])
    row(
      c.red('invalid'),
      `${bad.key || '(file)'} = ${bad.value} (${describe(bad.source)}): ${bad.message}`,
    );
  const files = s.files.filter((f) => f.exists).map((f) => f.path);
  row('files', files.length ? files.join(', ') : 'none');

  head('pipwarden');
  const p = r.pipwarden;
  row('version', `${p.version} (node ${p.node})`);
  row(
    'config',
    p.config.layers.length
      ? p.config.layers.map((l) => `${l.level}: ${l.file}`).join(', ')
      : 'defaults only',
  );
  row('hook', p.shimDirFirstOnPath ? 'active in this shell' : c.yellow('not active in this shell'));
  if (p.initLines.length) row('init line', p.initLines.map((l) => l.file).join(', '));

  head('checks');
  for (const k of r.checks) out.push(...checkLines(k, c));
  return `${out.join('\n')}\n`;
}

function checkLines(k: Check, c: ChalkInstance): string[] {
  const colour = k.status === 'ok' ? c.green : k.status === 'warn' ? c.yellow : c.red;
  const lines = [`${colour(k.status.padEnd(4))} ${k.what}`];
  if (k.next) lines.push(`     next: ${k.next}`);
  return lines;
}

function describe(src: SettingSource): string {
  if (src.kind === 'env') return src.where;
  if (src.kind === 'file') return `${src.where}${src.section ? ` [${src.section}]` : ''}`;
  return src.where;
}
