import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipwarden } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { needs } from '../helpers/prereq.js';
import { tempDir } from '../helpers/tmp.js';

// Root with a user's HOME (sudo -E, su without -): the user's own pipwarden
// config is the user's to write, so root does not take its orders from it;
// root reads its own user config, under its passwd home.
const notRoot = needs('root', process.getuid?.() === 0);

describe.skipIf(notRoot)(
  "root with a user's HOME reads its own user config, not the user's",
  () => {
    it("the user's config in that HOME does not decide for root", () => {
      const dir = tempDir();
      const home = join(dir, 'home');
      const conf = join(home, '.config', 'pipwarden');
      mkdirSync(conf, { recursive: true });
      writeFileSync(join(conf, 'config.yaml'), 'onNoEnv: refuse\n');
      // The user (nobody, uid 65534) owns HOME and everything in it.
      for (const p of [home, join(home, '.config'), conf, join(conf, 'config.yaml')]) {
        chownSync(p, 65534, 65534);
      }
      const r = pipwarden(['config'], { env: hermeticEnv(home), cwd: dir });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/onNoEnv +\S+ +\(default\)/);
      expect(r.stdout).not.toContain('config.yaml');
    });

    it("a HOME of root's own still gives root its user config", () => {
      const dir = tempDir();
      const home = join(dir, 'home');
      const conf = join(home, '.config', 'pipwarden');
      mkdirSync(conf, { recursive: true });
      writeFileSync(join(conf, 'config.yaml'), 'onNoEnv: refuse\n');
      const r = pipwarden(['config'], { env: hermeticEnv(home), cwd: dir });
      expect(r.stdout).toMatch(/onNoEnv +refuse +user: ~\/.config\/pipwarden\/config.yaml/);
    });
  },
);
