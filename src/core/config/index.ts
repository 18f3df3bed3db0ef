export { describeValue, displayPath } from './display.js';
export { CONFIG_KEYS, type ConfigKey, type FlatConfig, flatten, unflatten } from './keys.js';
export { DEFAULT_CONFIG, DEFAULT_SOURCE, merge } from './merge.js';
export * from './types.js';
export { TOP_LEVEL_KEYS, validate } from './validate.js';
