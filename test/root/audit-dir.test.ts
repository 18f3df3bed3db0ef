import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAuditDir } from '../../src/io/audit/audit-dir.js';
import { mainForNobody, runCommand } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { tempDir } from '../helpers/tmp.js';
import { giveToUser, rootSuitePrereqs, USER_UID } from './support.js';

// Threat model row "another local user": the org's shared trail. In a 0622
// file any user appends a line that claims to be root (defect: forgeable
// trail). In `audit.dir` each user appends to a file it owns in a
// root-owned sticky dir, and the reader attributes a record to the file's
// owner: a claim to be someone else shows as forged, and no user can write
// in another's file or remove it.

const why = rootSuitePrereqs();
if (why !== null && process.env.CI === 'true') {
  throw new Error(`audit dir suite: missing prerequisite: ${why}`);
}

const DEBIAN_PIP = '/usr/bin/pip3';
const REFUSE = 'onNoEnv: { action: refuse, message: "venvs only" }\n';

describe.skipIf(why !== null)('org audit dir (one file per user)', () => {
  it("attributes each record to its writer; a user cannot pass as root or touch root's file", () => {
    const root = tempDir('pipwarden-audit-dir-');
    chmodSync(root, 0o755);
    const trail = join(root, 'var-log-pipwarden');
    mkdirSync(trail);
    chmodSync(trail, 0o1733);
    const org = join(root, 'org');
    mkdirSync(org);
    writeFileSync(join(org, 'config.yaml'), `${REFUSE}audit: { dir: ${trail}, log: false }\n`);
    chmodSync(org, 0o755);
    const userHome = join(root, 'user');
    const rootHome = join(root, 'root');
    mkdirSync(userHome);
    mkdirSync(rootHome);
    giveToUser(userHome);
    const env = (home: string) => hermeticEnv(home, { PIPWARDEN_ORG_CONFIG_DIR: org });
    const cli = mainForNobody();
    const byRoot = runCommand(
      [process.execPath, cli, 'run', '--', DEBIAN_PIP, 'install', 'pwdemo'],
      {
        env: env(rootHome),
        cwd: root,
      },
    );
    expect(byRoot.status, byRoot.stderr).toBe(77);
    expect(byRoot.stderr).not.toContain('audit');
    const byUser = runCommand(
      [process.execPath, cli, 'run', '--', DEBIAN_PIP, 'install', 'pwdemo'],
      {
        env: env(userHome),
        cwd: root,
        asNobody: true,
      },
    );
    expect(byUser.status, byUser.stderr).toBe(77);
    expect(byUser.stderr).not.toContain('audit');
    expect(statSync(join(trail, '0.log')).uid).toBe(0);
    expect(statSync(join(trail, `${USER_UID}.log`)).uid).toBe(USER_UID);

    // The user forges: a record claiming uid 0, in its own file (it can), and
    // in root's file, or a file of its own named as root's (it cannot).
    const forged = JSON.stringify({
      ...readAuditDir(trail).find((r) => r.writer === 0)!.record,
      cwd: '/forged',
    });
    const attacks = [
      `printf '%s\\n' '${forged}' >>${trail}/${USER_UID}.log`,
      `printf '%s\\n' '${forged}' >>${trail}/0.log`,
      `rm -f ${trail}/0.log`,
      `mv ${trail}/0.log ${trail}/x.log`,
      `ls ${trail}`,
    ];
    const succeeded = attacks.map(
      (a) => runCommand(['sh', '-c', a], { env: env(userHome), asNobody: true }).status === 0,
    );
    expect(succeeded).toEqual([true, false, false, false, false]);

    const read = readAuditDir(trail);
    expect(read.map((r) => [r.writer, r.record.uid, r.forged, r.record.cwd])).toEqual([
      [0, 0, false, root],
      [USER_UID, USER_UID, false, root],
      [USER_UID, 0, true, '/forged'],
    ]);
  });

  it('a name taken by another user first costs that user nothing: the record goes to a file of its own', () => {
    const root = tempDir('pipwarden-audit-dir-');
    chmodSync(root, 0o755);
    const trail = join(root, 'trail');
    mkdirSync(trail);
    chmodSync(trail, 0o1733);
    const org = join(root, 'org');
    mkdirSync(org);
    writeFileSync(join(org, 'config.yaml'), `${REFUSE}audit: { dir: ${trail}, log: false }\n`);
    chmodSync(org, 0o755);
    // The user squats root's name before root's first record.
    expect(
      runCommand(['sh', '-c', `: >${trail}/0.log`], { env: hermeticEnv(root), asNobody: true })
        .status,
    ).toBe(0);
    const r = runCommand(
      [process.execPath, mainForNobody(), 'run', '--', DEBIAN_PIP, 'install', 'pwdemo'],
      {
        env: hermeticEnv(join(root, 'rh'), { PIPWARDEN_ORG_CONFIG_DIR: org }),
        cwd: root,
      },
    );
    expect(r.status, r.stderr).toBe(77);
    expect(r.stderr).not.toContain('audit');
    expect(readAuditDir(trail).map((x) => [x.writer, x.forged])).toEqual([[0, false]]);
    expect(readdirSync(trail).filter((f) => f.startsWith('0.') && f !== '0.log')).toHaveLength(1);
  });

  it('refuses a dir that is not root-owned and sticky: one warning line, the decision stands', () => {
    const root = tempDir('pipwarden-audit-dir-');
    const trail = join(root, 'trail');
    mkdirSync(trail);
    chmodSync(trail, 0o777);
    const org = join(root, 'org');
    mkdirSync(org);
    writeFileSync(join(org, 'config.yaml'), `${REFUSE}audit: { dir: ${trail}, log: false }\n`);
    const r = runCommand(
      [process.execPath, mainForNobody(), 'run', '--', DEBIAN_PIP, 'install', 'pwdemo'],
      {
        env: hermeticEnv(join(root, 'rh'), { PIPWARDEN_ORG_CONFIG_DIR: org }),
        cwd: root,
      },
    );
    expect(r.status).toBe(77);
    expect(r.stderr.split('\n').filter((l) => l.includes('audit'))).toEqual([
      expect.stringMatching(/audit record not written: .*trail: EPERM/),
    ]);
    expect(existsSync(join(trail, '0.log'))).toBe(false);
  });
});
