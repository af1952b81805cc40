// `npm run generate -- --operations 500 [--seed 1] [--out .bench/synthetic-500]`
// Writes a synthetic OpenAPI 3.1 spec and a Postman collection that agree with each other and
// with every contract rule, shaped like ours: {data, meta} envelopes, paginated lists, RFC 3339
// timestamps, $refs into components, path parameters, request bodies and saved responses.
// The same seed and size always give the same bytes; the benchmark uses them to scale the check.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const BASE_PATH = '/api/v1';
const BASE_URL = 'http://127.0.0.1:4010/api/v1';
const POSTMAN_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const NOUNS = [
  'album',
  'badge',
  'crawler',
  'dataset',
  'export',
  'filter',
  'image',
  'label',
  'model',
  'queue',
  'report',
  'source',
  'tag',
  'webhook',
];
const EXTRA_KINDS = ['integer', 'boolean', 'keywords', 'nullable-text', 'score'] as const;
const STATUSES = ['pending', 'active', 'archived'];
const JSON_HEADER = { key: 'Content-Type', value: 'application/json' };

/** One kind of operation a synthetic resource offers, in the order they are generated. */
type Action = 'list' | 'create' | 'stats' | 'get' | 'update' | 'delete';
const ACTIONS: readonly Action[] = ['list', 'create', 'stats', 'get', 'update', 'delete'];

export interface SyntheticOptions {
  operations: number;
  seed?: number;
}

export interface SyntheticPair {
  spec: Record<string, unknown>;
  collection: Record<string, unknown>;
}

interface Resource {
  noun: string;
  segment: string;
  schema: string;
  tag: string;
  extras: Array<{ name: string; kind: (typeof EXTRA_KINDS)[number] }>;
  /** Whether the path without a trailing slash is declared too, as a $ref alias. */
  hasAlias: boolean;
}

interface Built {
  paths: Record<string, Record<string, unknown>>;
  schemas: Record<string, unknown>;
  folders: Array<{ name: string; item: unknown[] }>;
}

/** Builds a spec and a collection with exactly `operations` operations and one request each. */
export function generateSynthetic(options: SyntheticOptions): SyntheticPair {
  if (!Number.isInteger(options.operations) || options.operations < 1) {
    throw new TypeError(
      `Expected operations to be a positive integer, got ${String(options.operations)} (${typeof options.operations}).`,
    );
  }
  const random = createRandom(options.seed ?? 1);
  const built: Built = { paths: {}, schemas: sharedSchemas(), folders: [] };

  // 1. Resources of up to six operations each, until the size is reached.
  for (let index = 0, left = options.operations; left > 0; index++) {
    const resource = createResource(index, random);
    const actions = ACTIONS.slice(0, Math.min(left, ACTIONS.length));
    addResource(built, resource, actions, random);
    left -= actions.length;
  }

  // 2. Wrap both documents.
  const spec = {
    openapi: '3.1.0',
    info: { title: `Synthetic API (${options.operations} operations)`, version: '1.0.0' },
    servers: [{ url: 'http://127.0.0.1:4010', description: 'Local Prism mock' }],
    security: [{}, { HTTPBearer: [] }],
    paths: built.paths,
    components: {
      securitySchemes: { HTTPBearer: { type: 'http', scheme: 'bearer' } },
      parameters: {
        Page: {
          name: 'page',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 1, default: 1 },
          example: 1,
        },
        Limit: {
          name: 'limit',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
          example: 50,
        },
      },
      schemas: built.schemas,
    },
  };
  const collection = {
    info: { name: `Synthetic API (${options.operations} operations)`, schema: POSTMAN_SCHEMA },
    item: built.folders,
    variable: [{ key: 'baseUrl', value: BASE_URL, type: 'string' }],
  };
  return { spec, collection };
}

function sharedSchemas(): Record<string, unknown> {
  return {
    PageMeta: {
      type: 'object',
      required: ['total', 'page', 'limit'],
      properties: {
        total: { type: 'integer', minimum: 0 },
        page: { type: 'integer', minimum: 1 },
        limit: { type: 'integer', minimum: 1, maximum: 100 },
      },
      additionalProperties: false,
    },
    Status: { type: 'string', enum: STATUSES },
    NullEnvelope: {
      type: 'object',
      required: ['data'],
      properties: { data: { type: 'null' } },
      additionalProperties: false,
    },
    Stats: {
      type: 'object',
      required: ['total', 'by_status', 'generated_at'],
      properties: {
        total: { type: 'integer', minimum: 0 },
        by_status: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
        generated_at: { type: 'string', format: 'date-time' },
      },
      additionalProperties: false,
    },
    StatsEnvelope: {
      type: 'object',
      required: ['data'],
      properties: { data: { $ref: '#/components/schemas/Stats' } },
      additionalProperties: false,
    },
  };
}

function createResource(index: number, random: () => number): Resource {
  const noun = `${pick(NOUNS, random)}${index + 1}`;
  const extras = Array.from({ length: Math.floor(random() * 4) }, (_, position) => ({
    name: `field_${position + 1}`,
    kind: pick(EXTRA_KINDS, random),
  }));
  const schema = noun.charAt(0).toUpperCase() + noun.slice(1);
  return { noun, segment: `${noun}s`, schema, tag: `${schema}s`, extras, hasAlias: random() < 0.5 };
}

function addResource(
  built: Built,
  resource: Resource,
  actions: readonly Action[],
  random: () => number,
): void {
  const { schemas } = built;
  const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });
  schemas[resource.schema] = itemSchema(resource);
  schemas[`${resource.schema}Input`] = inputSchema();
  schemas[`${resource.schema}Envelope`] = {
    type: 'object',
    required: ['data'],
    properties: { data: ref(resource.schema) },
    additionalProperties: false,
  };
  schemas[`${resource.schema}ListEnvelope`] = {
    type: 'object',
    required: ['data', 'meta'],
    properties: { data: { type: 'array', items: ref(resource.schema) }, meta: ref('PageMeta') },
    additionalProperties: false,
  };

  const folder = { name: resource.tag, item: [] as unknown[] };
  built.folders.push(folder);
  const collectionPath = `${BASE_PATH}/${resource.segment}/`;
  const itemPath = `${BASE_PATH}/${resource.segment}/{${resource.noun}_id}`;
  for (const action of actions) {
    const operation = buildOperation(resource, action, random);
    const key =
      action === 'list' || action === 'create'
        ? collectionPath
        : action === 'stats'
          ? `${BASE_PATH}/${resource.segment}/stats`
          : itemPath;
    built.paths[key] = { ...built.paths[key], [operation.method]: operation.node };
    folder.item.push(buildRequest(resource, action, operation));
  }
  if (resource.hasAlias && built.paths[collectionPath] !== undefined) {
    built.paths[collectionPath.slice(0, -1)] = {
      $ref: `#/paths/${collectionPath.replace(/~/g, '~0').replace(/\//g, '~1')}`,
    };
  }
}

function itemSchema(resource: Resource): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    id: { type: 'integer', minimum: 1, readOnly: true },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    description: { type: ['string', 'null'], maxLength: 1000 },
    status: { $ref: '#/components/schemas/Status' },
    created_at: { type: 'string', format: 'date-time', readOnly: true },
    updated_at: { type: 'string', format: 'date-time', readOnly: true },
  };
  for (const extra of resource.extras) properties[extra.name] = extraSchema(extra.kind);
  return {
    type: 'object',
    required: Object.keys(properties),
    properties,
    additionalProperties: false,
  };
}

function inputSchema(): Record<string, unknown> {
  return {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      description: { type: ['string', 'null'], maxLength: 1000 },
    },
    additionalProperties: false,
  };
}

function extraSchema(kind: (typeof EXTRA_KINDS)[number]): Record<string, unknown> {
  switch (kind) {
    case 'integer':
      return { type: 'integer', minimum: 0 };
    case 'boolean':
      return { type: 'boolean' };
    case 'keywords':
      return { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 20 };
    case 'nullable-text':
      return { type: ['string', 'null'] };
    case 'score':
      return { type: 'number', minimum: 0, maximum: 1 };
  }
}

interface BuiltOperation {
  method: 'get' | 'post' | 'patch' | 'delete';
  status: 200 | 201;
  node: Record<string, unknown>;
  requestExample?: Record<string, unknown>;
  responseExample: unknown;
}

function buildOperation(resource: Resource, action: Action, random: () => number): BuiltOperation {
  const idParameter = {
    name: `${resource.noun}_id`,
    in: 'path',
    required: true,
    schema: { type: 'integer', minimum: 1 },
    example: 1,
  };
  const item = (id: number): Record<string, unknown> => exampleItem(resource, id, random);
  const input = { name: `New ${resource.noun}`, description: `Created by the synthetic generator` };
  const one = (value: unknown): unknown => ({ data: value });

  switch (action) {
    case 'list': {
      const items = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, index) =>
        item(index + 1),
      );
      const example = { data: items, meta: { total: items.length, page: 1, limit: 50 } };
      return finish(
        resource,
        'get',
        200,
        `List ${resource.segment}`,
        `${resource.schema}ListEnvelope`,
        example,
        undefined,
        [{ $ref: '#/components/parameters/Page' }, { $ref: '#/components/parameters/Limit' }],
      );
    }
    case 'create':
      return finish(
        resource,
        'post',
        201,
        `Create ${resource.noun}`,
        `${resource.schema}Envelope`,
        one({ ...item(9), ...input }),
        input,
      );
    case 'stats': {
      const example = one({
        total: 3,
        by_status: { pending: 1, active: 2 },
        generated_at: timestamp(random),
      });
      return finish(
        resource,
        'get',
        200,
        `Get ${resource.noun} statistics`,
        'StatsEnvelope',
        example,
      );
    }
    case 'get':
      return finish(
        resource,
        'get',
        200,
        `Get ${resource.noun}`,
        `${resource.schema}Envelope`,
        one(item(1)),
        undefined,
        [idParameter],
      );
    case 'update':
      return finish(
        resource,
        'patch',
        200,
        `Update ${resource.noun}`,
        `${resource.schema}Envelope`,
        one({ ...item(1), ...input }),
        input,
        [idParameter],
      );
    case 'delete':
      return finish(
        resource,
        'delete',
        200,
        `Delete ${resource.noun}`,
        'NullEnvelope',
        { data: null },
        undefined,
        [idParameter],
      );
  }
}

function finish(
  resource: Resource,
  method: BuiltOperation['method'],
  status: BuiltOperation['status'],
  summary: string,
  envelope: string,
  responseExample: unknown,
  requestExample?: Record<string, unknown>,
  parameters?: unknown[],
): BuiltOperation {
  const content = (schema: string, value: unknown): unknown => ({
    'application/json': {
      schema: { $ref: `#/components/schemas/${schema}` },
      examples: { default: { summary, value } },
    },
  });
  const node: Record<string, unknown> = {
    tags: [resource.tag],
    summary,
    operationId: camelCase(summary),
  };
  if (parameters !== undefined) node['parameters'] = parameters;
  if (requestExample !== undefined)
    node['requestBody'] = {
      required: true,
      content: content(`${resource.schema}Input`, requestExample),
    };
  node['responses'] = {
    [status]: {
      description: status === 201 ? 'Created' : 'OK',
      content: content(envelope, responseExample),
    },
  };
  return { method, status, node, requestExample, responseExample };
}

function exampleItem(
  resource: Resource,
  id: number,
  random: () => number,
): Record<string, unknown> {
  const created = timestamp(random);
  const value: Record<string, unknown> = {
    id,
    name: `${resource.noun} ${id}`,
    description: random() < 0.3 ? null : `Synthetic ${resource.noun} number ${id}`,
    status: pick(STATUSES, random),
    created_at: created,
    updated_at: created,
  };
  for (const extra of resource.extras) value[extra.name] = exampleExtra(extra.kind, random);
  return value;
}

function exampleExtra(kind: (typeof EXTRA_KINDS)[number], random: () => number): unknown {
  switch (kind) {
    case 'integer':
      return Math.floor(random() * 1000);
    case 'boolean':
      return random() < 0.5;
    case 'keywords':
      return [pick(NOUNS, random), pick(NOUNS, random)];
    case 'nullable-text':
      return random() < 0.5 ? null : 'note';
    case 'score':
      return Math.round(random() * 100) / 100;
  }
}

function buildRequest(
  resource: Resource,
  action: Action,
  operation: BuiltOperation,
): Record<string, unknown> {
  const segments =
    action === 'list' || action === 'create'
      ? [resource.segment, '']
      : action === 'stats'
        ? [resource.segment, 'stats']
        : [resource.segment, `:${resource.noun}_id`];
  const query =
    action === 'list'
      ? [
          { key: 'page', value: '1' },
          { key: 'limit', value: '50' },
        ]
      : [];
  const search =
    query.length === 0 ? '' : `?${query.map(entry => `${entry.key}=${entry.value}`).join('&')}`;
  const url: Record<string, unknown> = {
    raw: `{{baseUrl}}/${segments.join('/')}${search}`,
    host: ['{{baseUrl}}'],
    path: segments,
  };
  if (query.length > 0) url['query'] = query;
  if (segments[1]?.startsWith(':')) url['variable'] = [{ key: `${resource.noun}_id`, value: '1' }];

  const header = [{ key: 'Accept', value: 'application/json' }];
  const request: Record<string, unknown> = { method: operation.method.toUpperCase(), header, url };
  if (operation.requestExample !== undefined) {
    request['header'] = [...header, JSON_HEADER];
    request['body'] = {
      mode: 'raw',
      raw: JSON.stringify(operation.requestExample, null, 2),
      options: { raw: { language: 'json' } },
    };
  }
  const saved = {
    name: 'default',
    originalRequest: request,
    status: operation.status === 201 ? 'Created' : 'OK',
    code: operation.status,
    _postman_previewlanguage: 'json',
    header: [JSON_HEADER],
    cookie: [],
    body: JSON.stringify(operation.responseExample, null, 2),
  };
  return { name: String(operation.node['summary']), request, response: [saved] };
}

// RFC 3339 with "T" and an offset, in December 2024; whole seconds, "Z" or "+02:00".
function timestamp(random: () => number): string {
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const hour = String(Math.floor(random() * 22)).padStart(2, '0');
  const minute = String(Math.floor(random() * 60)).padStart(2, '0');
  return `2024-12-${day}T${hour}:${minute}:00${random() < 0.8 ? 'Z' : '+02:00'}`;
}

function camelCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word, index) =>
      index === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join('');
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

// mulberry32: a small seeded generator, so a size and a seed always give the same documents.
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes `openapi.json` and `collection.json` for one size into `dir`; returns their paths. */
export function writeSynthetic(
  dir: string,
  options: SyntheticOptions,
): { specPath: string; collectionPath: string } {
  const pair = generateSynthetic(options);
  mkdirSync(dir, { recursive: true });
  const specPath = path.join(dir, 'openapi.json');
  const collectionPath = path.join(dir, 'collection.json');
  writeFileSync(specPath, `${JSON.stringify(pair.spec, null, 2)}\n`);
  writeFileSync(collectionPath, `${JSON.stringify(pair.collection, null, 2)}\n`);
  return { specPath, collectionPath };
}

function main(): number {
  const { values } = parseArgs({
    options: {
      operations: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const operations = Number(values.operations);
  const seed = Number(values.seed);
  if (!Number.isInteger(operations) || operations < 1 || !Number.isInteger(seed)) {
    process.stderr.write(
      `Expected --operations to be a positive integer and --seed an integer, got "${values.operations}" and "${values.seed}".\n`,
    );
    return 2;
  }
  const dir = values.out ?? path.join('.bench', `synthetic-${operations}`);
  const written = writeSynthetic(dir, { operations, seed });
  process.stdout.write(`${written.specPath}\n${written.collectionPath}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main();
