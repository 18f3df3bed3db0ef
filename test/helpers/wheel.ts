import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { helperPython } from './pythons.js';

// A wheel is a zip; zipfile is in every Python, so no build backend (and no
// network) is needed. py2.py3-none-any so pip 18 on Python 2.7 takes it too.
const BUILD = String.raw`
import sys, os, zipfile, hashlib, base64
name, version, out = sys.argv[1], sys.argv[2], sys.argv[3]
dist = '%s-%s.dist-info' % (name, version)
files = {
  '%s/__init__.py' % name: 'VALUE = %r\n' % version,
  dist + '/METADATA': 'Metadata-Version: 2.1\nName: %s\nVersion: %s\n' % (name, version),
  dist + '/WHEEL': 'Wheel-Version: 1.0\nGenerator: pipwarden-tests\nRoot-Is-Purelib: true\nTag: py2-none-any\nTag: py3-none-any\n',
  dist + '/entry_points.txt': '[console_scripts]\n%s-cli = %s:VALUE\n' % (name, name),
}
def rec(data):
  d = base64.urlsafe_b64encode(hashlib.sha256(data.encode()).digest()).rstrip(b'=').decode()
  return 'sha256=%s,%d' % (d, len(data.encode()))
record = ''.join('%s,%s\n' % (p, rec(c)) for p, c in files.items()) + dist + '/RECORD,,\n'
files[dist + '/RECORD'] = record
path = os.path.join(out, '%s-%s-py2.py3-none-any.whl' % (name, version))
with zipfile.ZipFile(path, 'w') as z:
  for p, c in files.items():
    z.writestr(p, c)
print(path)
`;

/**
 * Build a tiny wheel `<name>-<version>-py2.py3-none-any.whl` into `dir`:
 * one package `<name>` and a console script `<name>-cli`. Returns its path.
 */
export function buildWheel(dir: string, name = 'pwdemo', version = '0.1'): string {
  const out = execFileSync(helperPython(), ['-c', BUILD, name, version, dir], {
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1' },
  });
  const path = out.trim();
  if (path !== join(dir, `${name}-${version}-py2.py3-none-any.whl`)) {
    throw new Error(`wheel build printed ${out}`);
  }
  return path;
}
