import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MAIN, mainForNobody, openForNobody, pipwarden, ROOT, runCommand } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';
import { tempDir } from '../helpers/tmp.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { buildWheel } from '../helpers/wheel.js';

const DEBIAN_PIP = '/usr/bin/pip3';
const REFUSE = 'onNoEnv: { action: refuse, message: "venvs only" }\n';
const haveDebianPip = existsSync(DEBIAN_PIP) && existsSync(DEBIAN_PYTHON);
const noDebianPip = needs("Debian's /usr/bin/pip3 and /usr/bin/python3", haveDebianPip);

/** A temp world: home, an org dir holding `org` as config.yaml, the env. */
function world(org: string, extra: Record<string, string> = {}) {
  const root = tempDir('pipwarden-audit-');
  const home = join(root, 'home');
  const orgDir = join(root, 'org');
  mkdirSync(orgDir);
  writeFileSync(join(orgDir, 'config.yaml'), org);
  const env = hermeticEnv(home, {
    PIPWARDEN_ORG_CONFIG_DIR: orgDir,
    PIPWARDEN_CACHE_DIR: join(root, 'cache'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    ...extra,
  });
  return { root, home, env, log: join(home, '.local', 'state', 'pipwarden', 'audit.log') };
}

function lines(file: string): Record<string, unknown>[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  expect(text === '' || text.endsWith('\n')).toBe(true);
  // JSON.parse throws on a torn or interleaved line.
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

describe.skipIf(noDebianPip)('audit log', () => {
  it('records a refusal with who, where, what and why; a silent pass writes nothing', () => {
    const w = world(REFUSE);
    const pass = pipwarden(['run', '--', DEBIAN_PIP, 'list', '--format=freeze'], { env: w.env });
    expect(pass.status, pass.stderr).toBe(0);
    expect(existsSync(w.log)).toBe(false);

    const r = pipwarden(['run', '--', DEBIAN_PIP, 'install', 'pwdemo'], {
      env: w.env,
      cwd: w.root,
    });
    expect(r.status).toBe(77);
    const [rec, ...more] = lines(w.log);
    expect(more).toEqual([]);
    expect(rec).toMatchObject({
      user: 'root',
      uid: 0,
      sudoUser: null,
      cwd: w.root,
      interpreter: DEBIAN_PYTHON,
      argv: [DEBIAN_PIP, 'install', 'pwdemo'],
      final: null,
      action: 'refuse',
      exitCode: 77,
      sources: [{ level: 'org', file: join(w.root, 'org', 'config.yaml') }],
    });
    expect(Date.now() - Date.parse(String(rec?.time))).toBeLessThan(60_000);
    expect(rec?.reasons).toEqual([
      expect.objectContaining({ situation: 'noEnv', action: 'refuse' }),
    ]);
    // Only its owner can read their own log.
    expect((statSync(w.log).mode & 0o777).toString(8)).toBe('600');
  });

  it('records a rewrite with the argv that really ran, after pip did it', () => {
    // --user inside a venv: pip would fail or write outside the venv, so the
    // engine drops it (onUserInVenv: env). The record shows both argvs.
    const w = world('');
    const venv = makeVenv(DEBIAN_PYTHON, join(w.root, 'venv'));
    const wheels = join(w.root, 'wheels');
    mkdirSync(wheels);
    buildWheel(wheels, 'pwdemo', '1.0');
    const pip = join(venv, 'bin', 'pip');
    const args = ['install', '--user', '--no-index', '--find-links', wheels, 'pwdemo'];
    const r = pipwarden(['run', '--', pip, ...args], { env: w.env });
    expect(r.status, r.stderr).toBe(0);
    expect(installedIn(venv, 'pwdemo')).toBe(true);
    const [rec] = lines(w.log);
    expect(rec).toMatchObject({ action: 'rewrite', argv: [pip, ...args], exitCode: null });
    const final = rec?.final as { argv: string[] };
    expect(final.argv).not.toContain('--user');
    expect(final.argv.slice(-4)).toEqual(['--no-index', '--find-links', wheels, 'pwdemo']);
    expect(rec?.reasons).toEqual([
      expect.objectContaining({ situation: 'userInVenv', action: 'env', source: '(default)' }),
    ]);
  });

  it('keeps 50 concurrent writers whole, and racing rotators lose no line', async () => {
    // Lines of ~6 KB (past PIPE_BUF, so nothing but O_APPEND keeps them
    // whole); 50 of them cross the limit once, so exactly one rotation.
    const big = 'x'.repeat(6000);
    const w = world(`${REFUSE}audit: { maxBytes: ${30 * 6200} }\n`);
    // Warm the probe cache, so the 50 race to the log, not to the probe.
    expect(pipwarden(['run', '--', DEBIAN_PIP, 'install', 'warm'], { env: w.env }).status).toBe(77);
    const ids = Array.from({ length: 50 }, (_, i) => `pkg${i}`);
    const codes = await Promise.all(
      ids.map(
        (id) =>
          new Promise<number | null>((done) => {
            const child = spawn(
              process.execPath,
              [MAIN, 'run', '--', DEBIAN_PIP, 'install', id, `--log=${big}`],
              { env: w.env, stdio: 'ignore' },
            );
            child.on('exit', (code) => done(code));
          }),
      ),
    );
    expect(codes.every((c) => c === 77)).toBe(true);
    const rotated = lines(`${w.log}.1`);
    const current = lines(w.log);
    expect(rotated.length).toBeGreaterThan(0);
    const seen = [...rotated, ...current].map((r) => (r.argv as string[])[2]).sort();
    expect(seen).toEqual(['warm', ...ids].sort());
    expect(existsSync(`${w.log}.rotating`)).toBe(false);
  });

  it('racing rotators in tight loops neither lose nor tear a line', async () => {
    // 8 processes append 300 lines each as fast as they can; the total
    // crosses the limit once, so a correct rotation keeps every line (a
    // second, racing rename would move a fresh log over .1 and lose lines).
    const root = tempDir('pipwarden-rotate-');
    const log = join(root, 'audit.log');
    const module = join(ROOT, 'dist', 'io', 'audit', 'append-line.js');
    const script = `const { appendLine } = await import(${JSON.stringify(module)});
      const [w, pad] = [process.argv[1], 'y'.repeat(180)];
      for (let i = 0; i < 300; i++) appendLine(${JSON.stringify(log)}, JSON.stringify({ w, i, pad }) + '\\n', { maxBytes: 300000, create: true });`;
    const writers = Array.from({ length: 8 }, (_, w) => String(w));
    await Promise.all(
      writers.map(
        (w) =>
          new Promise<void>((done, fail) => {
            const child = spawn(process.execPath, ['--input-type=module', '-e', script, w], {
              stdio: ['ignore', 'ignore', 'inherit'],
            });
            child.on('exit', (code) =>
              code === 0 ? done() : fail(new Error(`writer ${w}: ${code}`)),
            );
          }),
      ),
    );
    const all = [...lines(`${log}.1`), ...lines(log)];
    expect(lines(`${log}.1`).length).toBeGreaterThan(0);
    expect(all.length).toBe(8 * 300);
    expect(new Set(all.map((r) => `${r.w}:${r.i}`)).size).toBe(8 * 300);
  });

  it('sends the same record to syslog through logger, when the org says so', () => {
    const w = world(`${REFUSE}audit: { syslog: true }\n`);
    const bin = join(w.root, 'bin');
    const got = join(w.root, 'logger.out');
    mkdirSync(bin);
    // A fake logger that records its arguments and its stdin, as util-linux
    // logger would send them to /dev/log.
    writeFileSync(join(bin, 'logger'), `#!/bin/sh\nprintf '%s\\n' "$*" >${got}\ncat >>${got}\n`, {
      mode: 0o755,
    });
    const env = { ...w.env, PATH: `${bin}:${w.env.PATH}` };
    const r = pipwarden(['run', '--', DEBIAN_PIP, 'install', 'pwdemo'], { env });
    expect(r.status).toBe(77);
    const [args, record] = readFileSync(got, 'utf8').split('\n');
    expect(args).toBe('--tag pipwarden --priority user.notice --size 65536');
    expect(`${record}\n`).toBe(readFileSync(w.log, 'utf8'));
  });

  it('a log that cannot be written costs one warning line, never the decision', () => {
    const w = world(REFUSE);
    const blocked = join(w.root, 'not-a-dir');
    writeFileSync(blocked, '');
    const env = { ...w.env, PIPWARDEN_AUDIT_LOG_FILE: join(blocked, 'audit.log') };
    const refused = pipwarden(['run', '--', DEBIAN_PIP, 'install', 'pwdemo'], { env });
    expect(refused.status).toBe(77);
    const warnings = refused.stderr.split('\n').filter((l) => l.includes('audit'));
    expect(warnings).toEqual([
      expect.stringMatching(/^pipwarden: warning: audit record not written: .*not-a-dir.*ENOTDIR/),
    ]);
    // A syslog that is not there (no logger) is one line too.
    const env2 = { ...w.env, PATH: '/nonexistent' };
    const w2 = world(`${REFUSE}audit: { syslog: true, log: false }\n`);
    const r2 = pipwarden(['run', '--', DEBIAN_PIP, 'install', 'pwdemo'], {
      env: { ...w2.env, PATH: env2.PATH },
    });
    expect(r2.status).toBe(77);
    expect(r2.stderr.split('\n').filter((l) => l.includes('audit'))).toEqual([
      expect.stringMatching(/audit record not written: syslog: ENOENT/),
    ]);
  });
});

// The shared org file: nobody appends, but cannot truncate, rewrite or read it.
// chattr +a (the append-only inode flag) is what makes "append but not
// rewrite" hold for a writable file; mode 0622 alone would let any user
// truncate it.
const canChattr = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = join('/tmp', `pipwarden-chattr-${process.pid}`);
  writeFileSync(probe, '');
  const ok = spawnSync('chattr', ['+a', probe]).status === 0;
  spawnSync('chattr', ['-a', probe]);
  spawnSync('rm', ['-f', probe]);
  return ok;
})();
const noChattr = needs('chattr +a (root, a filesystem with the append-only flag)', canChattr);

describe.skipIf(noDebianPip || noChattr)('shared audit file (org)', () => {
  it('nobody appends a whole record, and cannot truncate, rewrite or read it', () => {
    const w = world('');
    const dir = join(w.root, 'var-log-pipwarden');
    mkdirSync(dir);
    const shared = join(dir, 'audit.log');
    writeFileSync(shared, '');
    chmodSync(shared, 0o622);
    expect(spawnSync('chattr', ['+a', shared]).status).toBe(0);
    onTestFinished(() => {
      spawnSync('chattr', ['-a', shared]);
    });
    writeFileSync(join(w.root, 'org', 'config.yaml'), `${REFUSE}audit: { file: ${shared} }\n`);
    openForNobody(w.root, dir, join(w.root, 'org'));
    mkdirSync(w.home, { recursive: true });
    spawnSync('chown', ['-R', 'nobody:nogroup', w.home]);
    const env = { ...w.env, PIPWARDEN_CACHE_DIR: join(w.home, 'cache') };
    const r = runCommand(
      [process.execPath, mainForNobody(), 'run', '--', DEBIAN_PIP, 'install', 'pwdemo'],
      { env, asNobody: true, cwd: w.home },
    );
    expect(r.status, r.stderr).toBe(77);
    expect(r.stderr).not.toContain('audit');
    const [rec, ...rest] = lines(shared);
    expect(rest).toEqual([]);
    expect(rec).toMatchObject({ user: 'nobody', uid: 65534, action: 'refuse' });
    // nobody's own log got the same record.
    expect(lines(join(w.home, '.local', 'state', 'pipwarden', 'audit.log'))).toEqual([rec]);

    const before = readFileSync(shared, 'utf8');
    for (const attack of [
      `: >${shared}`,
      `echo forged >${shared}`,
      `truncate -s 0 ${shared}`,
      `cat ${shared}`,
    ]) {
      const a = runCommand(['sh', '-c', attack], { env, asNobody: true });
      expect(a.status, attack).not.toBe(0);
    }
    expect(readFileSync(shared, 'utf8')).toBe(before);
  });
});
