// Every test starts from a clean slate: this machine exports PIP_* variables
// and has /etc/xdg/pip/pip.conf, and a developer may have PIPWARDEN_* set.
for (const name of Object.keys(process.env)) {
  // PIPWARDEN_HOSTILE_* are knobs of the hostile corpus (test/hostile/corpus.test.ts), not config.
  if (name.startsWith('PIPWARDEN_HOSTILE_')) continue;
  // PIPWARDEN_DIFF_* size and seed the differential test (test/differential), not config.
  if (name.startsWith('PIPWARDEN_DIFF_')) continue;
  if (name.startsWith('PIP_') || name.startsWith('PIPWARDEN_')) delete process.env[name];
}
process.env.PIP_CONFIG_FILE = '/dev/null';
process.env.PIP_DISABLE_PIP_VERSION_CHECK = '1';
process.env.PIP_NO_INPUT = '1';
