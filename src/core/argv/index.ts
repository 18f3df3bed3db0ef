export {
  compareRelease,
  compareVersions,
  inRange,
  parseRelease,
  type Release,
} from '../version.js';
export { parsePipArgv } from './parse-pip.js';
export { isPipModule, PIP_MODULES, parsePythonArgv, runsPipModule } from './parse-python.js';
export { COMMANDS, type CommandRow, commandChangesEnv } from './pip-commands.js';
export { GENERAL_OPTIONS, type OptionRow } from './pip-options.js';
export {
  matchLong,
  NEWEST_PIP,
  type OptionDef,
  type OptionTable,
  type PipTables,
  pipCommands,
  pipTables,
} from './pip-tables.js';
export { pipSegments, renderPipArgv, type Segment, type SegmentKind } from './render-pip.js';
export { appendSubcommandOptions, insertGlobal, removeOptions } from './rewrite-pip.js';
export type {
  ParsedOption,
  PipInvocation,
  PythonFlags,
  PythonInvocation,
} from './types.js';
