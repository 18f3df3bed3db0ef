// The version comparer lives in ../version.ts; this keeps old import paths compiling.
export { compareRelease, inRange, parseRelease, type Release } from '../version.js';
