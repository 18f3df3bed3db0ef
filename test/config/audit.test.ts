import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN, pipwarden } from '../helpers/cli.js';
import { hermeticEnv, SYSTEM_PATH } from '../helpers/env.js';
import { tempDir } from '../helpers/tmp.js';

// Refusals are audited; the org's venv-only rule refuses Debian's python3
// before pip runs, so nothing is installed anywhere.
function setup(org: string) {
  const root = tempDir('pipwarden-audit-');
  const home = join(root, 'home');
  const orgDir = join(root, 'org');
  mkdirSync(orgDir, { recursive: true });
  writeFileSync(join(orgDir, 'config.yaml'), org);
  const env = hermeticEnv(home, {
    PIPWARDEN_ORG_CONFIG_DIR: orgDir,
    XDG_STATE_HOME: join(home, '.local', 'state'),
  });
  const log = join(home, '.local', 'state', 'pipwarden', 'audit.jsonl');
  return { root, home, env, log };
}
const INSTALL = ['run', '--', '/usr/bin/python3', '-m', 'pip', 'install', 'pwdemo'];
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('audit log', () => {
  it('records a refusal with who, where, what and why; a silent pass writes nothing', () => {
    const s = setup('onNoEnv: refuse\n');
    const r = pipwarden(INSTALL, { env: s.env, cwd: s.root });
    expect(r.status, r.stderr).toBe(77);
    const [line, ...more] = lines(s.log);
    expect(more).toEqual([]);
    const rec = JSON.parse(line as string);
    expect(rec).toMatchObject({
      user: 'root',
      cwd: s.root,
      interpreter: '/usr/bin/python3',
      argv: ['/usr/bin/python3', '-m', 'pip', 'install', 'pwdemo'],
      finalArgv: null,
      action: 'refuse',
      configSources: [join(s.root, 'org', 'config.yaml')],
    });
    expect(rec.reasons[0]).toMatchObject({ situation: 'noEnv', action: 'refuse' });
    expect(Date.parse(rec.time)).not.toBeNaN();

    const pass = pipwarden(['run', '--', '/usr/bin/python3', '-m', 'pip', '--version'], {
      env: s.env,
    });
    expect(pass.status).toBe(0);
    expect(lines(s.log)).toHaveLength(1);
  });

  it('keeps lines whole under 50 concurrent writers', async () => {
    // Lines over 4 KiB (PIPE_BUF), so whole lines rest on O_APPEND + one write.
    const s = setup(`onNoEnv: { action: refuse, message: "${'x'.repeat(6000)}" }\n`);
    const runs = Array.from(
      { length: 50 },
      () =>
        new Promise<number | null>((done) => {
          const child = spawn(process.execPath, [MAIN, ...INSTALL], {
            env: s.env,
            stdio: 'ignore',
          });
          child.on('exit', (code) => done(code));
        }),
    );
    const codes = await Promise.all(runs);
    expect(codes.every((c) => c === 77)).toBe(true);
    const all = lines(s.log);
    expect(all).toHaveLength(50);
    for (const l of all) expect(JSON.parse(l).action).toBe('refuse');
  }, 120_000);

  it('rotates at audit.maxBytes, with whole lines in both files', () => {
    const s = setup('onNoEnv: refuse\naudit: { maxBytes: 4096 }\n');
    for (let i = 0; i < 12; i++) expect(pipwarden(INSTALL, { env: s.env }).status).toBe(77);
    expect(existsSync(`${s.log}.1`)).toBe(true);
    const both = [...lines(`${s.log}.1`), ...lines(s.log)];
    for (const l of both) expect(JSON.parse(l).action).toBe('refuse');
    expect(readFileSync(s.log).length).toBeLessThanOrEqual(4096);
  });

  it('sends the same record to syslog via logger, and to the org shared file', () => {
    const shared = join(tempDir('pipwarden-audit-shared-'), 'audit.jsonl');
    const s = setup(`onNoEnv: refuse\naudit: { syslog: true, file: ${shared} }\n`);
    // `logger` stand-in: records its argv (no syslog daemon in the test box).
    const bin = join(s.root, 'bin');
    mkdirSync(bin);
    const got = join(s.root, 'logger-args');
    writeFileSync(join(bin, 'logger'), `#!/bin/sh\nprintf '%s\\n' "$@" > ${got}\n`, {
      mode: 0o755,
    });
    const r = pipwarden(INSTALL, { env: { ...s.env, PATH: `${bin}:${SYSTEM_PATH}` } });
    expect(r.status, r.stderr).toBe(77);
    const args = readFileSync(got, 'utf8').trimEnd().split('\n');
    expect(args.slice(0, 5)).toEqual(['-t', 'pipwarden', '-p', 'user.notice', '--']);
    expect(JSON.parse(args[5] as string)).toEqual(JSON.parse(lines(s.log)[0] as string));
    expect(lines(shared)).toEqual(lines(s.log));
  });
});
