import { homedir } from 'node:os';
import { describe, expect, test } from 'vitest';
import { cacheDir, homeDir, shimDir } from '../../src/io/paths.js';

// Every dir comes from the env passed in, never from process.env: a command
// run with a test's or a caller's env must find that env's shims and cache.
describe.skipIf(process.platform === 'darwin')('io/paths', () => {
  test.each([
    [{ HOME: '/h' }, '/h/.local/share/pipwarden/shims', '/h/.cache/pipwarden'],
    [
      { HOME: '/h', XDG_DATA_HOME: '/d', XDG_CACHE_HOME: '/c' },
      '/d/pipwarden/shims',
      '/c/pipwarden',
    ],
    // The XDG spec: relative values are invalid and ignored.
    [
      { HOME: '/h', XDG_DATA_HOME: 'rel', XDG_CACHE_HOME: '' },
      '/h/.local/share/pipwarden/shims',
      '/h/.cache/pipwarden',
    ],
    [
      { HOME: '/h', XDG_DATA_HOME: '/d', PIPWARDEN_SHIM_DIR: '/s', PIPWARDEN_CACHE_DIR: '/k' },
      '/s',
      '/k',
    ],
  ])('%o → shims %s, cache %s', (env, shims, cache) => {
    expect(shimDir(env)).toBe(shims);
    expect(cacheDir(env)).toBe(cache);
  });

  test('reads the env passed in, not process.env', () => {
    const env = { HOME: '/elsewhere' };
    expect(process.env.HOME).not.toBe('/elsewhere');
    expect(shimDir(env)).toBe('/elsewhere/.local/share/pipwarden/shims');
  });

  test('home: HOME, else the password database', () => {
    expect(homeDir({ HOME: '/h' })).toBe('/h');
    expect(homeDir({})).toBe(homedir());
    expect(homeDir({ HOME: '' })).toBe(homedir());
  });
});
