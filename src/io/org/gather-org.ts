import { lstatSync } from 'node:fs';
import { merge } from '../../core/config/merge.js';
import type { GovernedInterpreter, OrgState, OrgWants } from '../../core/org/org-facts.js';
import { orgWants } from '../../core/org/org-wants.js';
import type { PipConfNow } from '../../core/org/plan-org.js';
import { loadConfig } from '../config/load-config.js';
import { findInterpreters } from './find-interpreters.js';
import { PIP_CONF, readFileState, readState, sha256 } from './org-files.js';

export interface OrgFacts {
  wants: OrgWants;
  interpreters: GovernedInterpreter[];
  state: OrgState;
  pipConf: PipConfNow;
  /** The org config's own errors: org apply writes nothing under a broken policy. */
  orgErrors: string[];
}

/**
 * Everything `org apply` decides from, read once: the org layer alone (no
 * user, project or PIPWARDEN_* layer: root's own settings must not weaken
 * what every user gets), the governed interpreters, the state file and
 * pip.conf as they are now.
 */
export async function gatherOrg(): Promise<OrgFacts> {
  const loaded = await loadConfig({ cwd: '/', env: {}, home: '/nonexistent' });
  const org = merge(loaded.resolved.layers.filter((l) => l.level === 'org'));
  const wants = orgWants(org);
  const state = readState();
  const now = readFileState(PIP_CONF);
  const record = state.pipConf;
  const kind = lstatSync(PIP_CONF, { throwIfNoEntry: false });
  const unusable = kind && !kind.isFile() ? (kind.isSymbolicLink() ? 'symlink' : 'not-file') : null;
  const pipConf: PipConfNow = {
    ...(unusable ? { unusable } : {}),
    path: PIP_CONF,
    // latin1: one char per byte, so the file's other bytes come back as they were.
    text: now ? now.bytes.toString('latin1') : null,
    ours: record
      ? {
          before: record.before ? Buffer.from(record.before, 'base64').toString('latin1') : null,
          intact: now !== null && sha256(now.bytes) === record.sha256,
        }
      : null,
  };
  return {
    wants,
    interpreters: findInterpreters(wants.backstop),
    state,
    pipConf,
    orgErrors: loaded.orgErrors,
  };
}
