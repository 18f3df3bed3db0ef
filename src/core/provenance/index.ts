export { parseAuditLine } from './audit-line.js';
export {
  type InstalledBy,
  type InstalledDist,
  installedBy,
  type Provenance,
  type UserSiteTarget,
} from './installed-by.js';
export { type NamedRequirement, normalizeName, requirementName } from './requirement-name.js';
export { type UserInstall, userInstall } from './user-install.js';
