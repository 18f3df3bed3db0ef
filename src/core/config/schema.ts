import { LOCK_ENTRIES } from './locks.js';
import { DEFAULT_CONFIG } from './merge.js';
import { PROMPT_CHOICES, SITUATION_IDS, SITUATIONS } from './types.js';
import { BOOLEAN_KEYS, PRESETS } from './validate.js';
import {
  ENV_KINDS,
  ITEM_PATTERNS,
  LOCATIONS,
  RULE_ACTIONS,
  WHEN_TYPES,
  type WhenType,
} from './validate-rules.js';

type Schema = Record<string, unknown>;

/**
 * The JSON Schema of a config file, built from the same tables validate()
 * checks against (SITUATIONS, WHEN_TYPES, LOCK_ENTRIES, PRESETS), so the two
 * cannot drift: schema/config.schema.json is this value, written by
 * `npm run schema` and compared by src/core/config/schema.test.ts.
 * validate() stays hand-written for its one-line messages; the schema is for
 * editors ($schema) and org CI. Unknown keys are allowed, as validate()
 * only warns about them.
 */
export function configSchema(): Schema {
  const properties: Record<string, Schema> = {
    $schema: { type: 'string', description: 'For editors; pipwarden ignores it.' },
  };
  for (const id of SITUATION_IDS) {
    const spec = SITUATIONS[id];
    const action = { enum: [...spec.allowed] };
    properties[spec.key] = {
      description: `${spec.summary}. Default: ${spec.default}.`,
      oneOf: [
        action,
        {
          type: 'object',
          properties: { action, message: { type: ['string', 'null'] } },
          required: ['action'],
        },
      ],
    };
  }
  for (const key of BOOLEAN_KEYS) {
    properties[key] = { type: 'boolean', default: DEFAULT_CONFIG[key] };
  }
  properties.promptDefault = {
    enum: [...PROMPT_CHOICES],
    default: DEFAULT_CONFIG.promptDefault,
  };
  properties.venv = {
    type: 'object',
    properties: {
      path: { type: 'string', minLength: 1, pattern: '^[^~]', default: DEFAULT_CONFIG.venv.path },
      create: { type: 'boolean', default: DEFAULT_CONFIG.venv.create },
      python: { type: ['string', 'null'], minLength: 1, default: null },
    },
  };
  properties.audit = {
    type: 'object',
    properties: {
      log: { type: 'boolean', default: DEFAULT_CONFIG.audit.log },
      syslog: { type: 'boolean', default: false },
      file: { type: ['string', 'null'], pattern: '^/', default: null },
      dir: { type: ['string', 'null'], pattern: '^/', default: null },
      maxBytes: { type: 'integer', minimum: 1024, default: DEFAULT_CONFIG.audit.maxBytes },
    },
  };
  properties.rules = {
    description: 'First-match rules, checked before the situations.',
    type: 'array',
    items: {
      type: 'object',
      required: ['action'],
      properties: {
        name: { type: 'string' },
        action: { enum: [...RULE_ACTIONS] },
        message: { type: ['string', 'null'] },
        when: {
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(
            Object.entries(WHEN_TYPES).map(([k, t]) => [k, whenSchema(t)]),
          ),
        },
      },
    },
  };
  properties.presets = listOf({ enum: [...PRESETS] });
  properties.lock = {
    description: 'Org only: keys, sections, * (everything) or disable (PIPWARDEN_DISABLE).',
    type: 'array',
    items: { enum: [...LOCK_ENTRIES] },
  };
  properties.backstop = {
    description:
      'Org only: the base interpreters pipwarden org apply governs (docs/organisations.md).',
    type: 'object',
    additionalProperties: false,
    properties: {
      marker: { type: 'boolean' },
      dirs: { type: 'array', items: { type: 'string', pattern: '^/' } },
      roots: { type: 'array', items: { type: 'string', pattern: '^/' } },
    },
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'pipwarden config',
    type: 'object',
    properties,
  };
}

function whenSchema(type: WhenType): Schema {
  switch (type) {
    case 'boolean':
      return { type: 'boolean' };
    case 'env':
      return listOf({ enum: [...ENV_KINDS] });
    case 'location':
      return listOf({ enum: [...LOCATIONS] });
    case 'glob':
      return listOf({ type: 'string', minLength: 1 });
    default:
      return listOf({ type: 'string', pattern: ITEM_PATTERNS[type].source });
  }
}

/** One item, or a non-empty list of them, as validate() accepts. */
function listOf(item: Schema): Schema {
  return { oneOf: [item, { type: 'array', items: item, minItems: 1 }] };
}
