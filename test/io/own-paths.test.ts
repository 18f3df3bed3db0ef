import { chownSync, mkdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderShim } from '../../src/core/render/shim.js';
import { auditLogPath, cacheDir, trustFile } from '../../src/io/paths.js';
import { planCacheStats, removeCache } from '../../src/io/plan-cache/save-plan.js';
import { tempDir } from '../helpers/tmp.js';

// Where pipwarden keeps its own files, for this effective user: one function
// (paths.ts) for the engine, doctor, rehash --remove and the shim's baked
// dir; never a HOME someone else owns, never a relative one.

afterEach(() => vi.unstubAllGlobals());

function stubPlatform(platform: NodeJS.Platform) {
  const real = process.platform;
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
  return () => Object.defineProperty(process, 'platform', { value: real, configurable: true });
}

describe('one cache layout', () => {
  it('macOS: ~/Library/Caches for the engine, doctor, rehash --remove and the baked shim alike', () => {
    const home = tempDir('pipwarden-mac-');
    const restore = stubPlatform('darwin');
    try {
      // No XDG variables, as on a Mac.
      const env = { HOME: home };
      const dir = cacheDir(env);
      expect(dir).toBe(join(home, 'Library', 'Caches', 'pipwarden'));
      expect(auditLogPath(env)).toBe(join(home, 'Library', 'Logs', 'pipwarden', 'audit.log'));
      const shim = renderShim({
        kind: 'pip',
        name: 'pip',
        shimDir: '/s',
        node: '/n',
        main: '/m',
        version: '1',
        cacheDir: dir,
      });
      expect(shim).toContain(`_pw_cache='${dir}'\n`);
      expect(planCacheStats(env).dir).toBe(join(dir!, 'plans'));
      mkdirSync(join(dir!, 'plans'), { recursive: true });
      expect(removeCache(env)).toBe(dir);
    } finally {
      restore();
    }
  });

  it('the shim takes the baked dir, not HOME or XDG at call time', () => {
    const shim = renderShim({
      kind: 'pip',
      name: 'pip',
      shimDir: '/s',
      node: '/n',
      main: '/m',
      version: '1',
      cacheDir: '/baked/pipwarden',
    });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: sh parameter expansion
    expect(shim).toContain('_pw_c=${PIPWARDEN_CACHE_DIR:-$_pw_cache}');
    expect(shim).not.toContain('XDG_CACHE_HOME');
    expect(readFileSync(join(__dirname, '../../shims/pip.sh'), 'utf8')).toContain('_pw_cache=');
  });
});

describe.skipIf(process.getuid?.() !== 0)(
  "a HOME this user does not own (root with a user's HOME)",
  () => {
    it("uses root's own home from the password database, XDG variables and all ignored", () => {
      const home = tempDir('pipwarden-user-home-');
      chownSync(home, 65534, 65534);
      const env = {
        HOME: home,
        XDG_CACHE_HOME: join(home, '.cache'),
        XDG_STATE_HOME: join(home, '.local', 'state'),
        XDG_DATA_HOME: join(home, '.local', 'share'),
      };
      const own = userInfo().homedir;
      expect(cacheDir(env)).toBe(join(own, '.cache', 'pipwarden'));
      expect(auditLogPath(env)).toBe(join(own, '.local', 'state', 'pipwarden', 'audit.log'));
      // The user's list of trusted files does not decide what root runs.
      expect(trustFile(env)).toBe(join(own, '.local', 'share', 'pipwarden', 'trusted.json'));
    });

    it('an XDG dir the user owns under root-owned HOME is not taken either', () => {
      const home = tempDir('pipwarden-root-home-');
      const theirs = join(home, 'theirs');
      mkdirSync(theirs);
      chownSync(theirs, 65534, 65534);
      const env = { HOME: home, XDG_CACHE_HOME: theirs };
      expect(cacheDir(env)).toBe(join(userInfo().homedir, '.cache', 'pipwarden'));
    });

    it('a relative or empty HOME is no HOME: never under the cwd', () => {
      for (const HOME of ['relhome', '']) {
        expect(cacheDir({ HOME })).toBe(join(userInfo().homedir, '.cache', 'pipwarden'));
        expect(auditLogPath({ HOME })?.startsWith('/')).toBe(true);
      }
    });
  },
);
