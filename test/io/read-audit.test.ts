import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudit } from '../../src/io/audit/read-audit.js';
import { tempDir } from '../helpers/tmp.js';

function line(id: string, sub = 'install'): string {
  const argv = ['pip', sub, '--user', id];
  const final = { argv: ['/p/bin/pip', sub, '--user', id], before: [], set: {}, unset: [] };
  return `${JSON.stringify({ time: `2026-11-22T10:00:00.000Z`, user: 'me', cwd: '/w', argv, final })}\n`;
}

const ids = (r: { records: { argv: string[] }[] }) => r.records.map((x) => x.argv[3]);

describe('readAudit: the records of audit.log.1 then audit.log', () => {
  it('reads the rotated file first, skips torn and foreign lines, keeps what keep accepts', async () => {
    const dir = tempDir();
    const log = join(dir, 'audit.log');
    writeFileSync(`${log}.1`, line('a') + line('b', 'uninstall'));
    writeFileSync(log, `{"time":"2026-11\nhello\n${line('c')}[]\n${line('d')}`);
    const r = await readAudit(log, (rec) => rec.argv[3] !== 'd');
    expect(ids(r)).toEqual(['a', 'c']);
    expect(r.problems).toEqual([]);
  });

  it('a missing log is no record and no problem', async () => {
    const r = await readAudit(join(tempDir(), 'audit.log'), () => true);
    expect(r).toEqual({ records: [], problems: [] });
  });

  // A log someone let grow is read from its end only (the newest records):
  // the record at its head is past the window, and the line the window
  // starts inside is a fragment, not a record.
  it('reads only the last 8 MiB of a file', async () => {
    const dir = tempDir();
    const log = join(dir, 'audit.log');
    const filler = `{"pad":"${'x'.repeat(1000)}"}\n`;
    writeFileSync(log, line('head') + filler.repeat(9 * 1024) + line('tail'));
    const r = await readAudit(log, () => true);
    expect(ids(r)).toEqual(['tail']);
  });
});
