// Minimal OpenAPI 3.1 documents and Postman v2.1 collections for the rule tables.
// Every builder returns a fresh object, so a case can change its copy without touching another.

import { appendPointer, parsePointer } from '../../contracts/lib/pointer';

export type JsonObject = Record<string, unknown>;

export const POSTMAN_V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
export const BASE_URL = 'http://127.0.0.1:4010';

/** `/paths/~1api~1v1~1users/get`: the pointer of one operation. */
export function operationPointer(path: string, method: string): string {
  return appendPointer('/paths', path, method);
}

/** The pointer of a JSON media type inside a response or request body. */
export function jsonPointer(owner: string): string {
  return appendPointer(owner, 'content', 'application/json');
}

// 1. Schemas and bodies.

export const userSchema = (): JsonObject => ({
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'created_at'],
  properties: {
    id: { type: 'integer', readOnly: true },
    name: { type: 'string' },
    created_at: { type: 'string', format: 'date-time', readOnly: true },
  },
});

export const newUserSchema = (): JsonObject => ({
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1 } },
});

export const metaSchema = (): JsonObject => ({
  type: 'object',
  additionalProperties: false,
  required: ['total', 'page', 'limit'],
  properties: { total: { type: 'integer' }, page: { type: 'integer' }, limit: { type: 'integer' } },
});

export const itemEnvelope = (data: JsonObject): JsonObject => ({
  type: 'object',
  additionalProperties: false,
  required: ['data'],
  properties: { data },
});

export const listEnvelope = (item: JsonObject): JsonObject => ({
  type: 'object',
  additionalProperties: false,
  required: ['data', 'meta'],
  properties: { data: { type: 'array', items: item }, meta: metaSchema() },
});

export const aUser = (id = 1): JsonObject => ({
  id,
  name: `User ${id}`,
  created_at: '2024-12-05T10:00:00Z',
});

export const aUserBody = (id = 1): JsonObject => ({ data: aUser(id) });

export const aUserList = (count = 2): JsonObject => ({
  data: Array.from({ length: count }, (_, index) => aUser(index + 1)),
  meta: { total: count, page: 1, limit: 50 },
});

/** A response object with one JSON media type, its schema and, optionally, its single example. */
export function jsonResponse(
  schema: JsonObject,
  example?: unknown,
  description = 'OK',
): JsonObject {
  const media: JsonObject = { schema };
  if (example !== undefined) media['example'] = example;
  return { description, content: { 'application/json': media } };
}

// 2. The spec: three operations on /api/v1/users that every rule accepts as they are.

export interface SpecOptions {
  paths?: JsonObject;
  components?: JsonObject;
  openapi?: string;
}

export function usersPaths(): JsonObject {
  return {
    '/api/v1/users': {
      get: {
        operationId: 'listUsers',
        summary: 'List users',
        tags: ['Users'],
        parameters: [
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
          },
        ],
        responses: { '200': jsonResponse(listEnvelope(userSchema()), aUserList()) },
      },
      post: {
        operationId: 'createUser',
        summary: 'Create user',
        tags: ['Users'],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: newUserSchema() } },
        },
        responses: { '201': jsonResponse(itemEnvelope(userSchema()), aUserBody(), 'Created') },
      },
    },
    '/api/v1/users/{id}': {
      get: {
        operationId: 'getUser',
        summary: 'Get user',
        tags: ['Users'],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { '200': jsonResponse(itemEnvelope(userSchema()), aUserBody()) },
      },
    },
  };
}

export function specDocument(options: SpecOptions = {}): JsonObject {
  const document: JsonObject = {
    openapi: options.openapi ?? '3.1.0',
    info: { title: 'Users API', version: '1.0.0' },
    paths: options.paths ?? usersPaths(),
  };
  if (options.components !== undefined) document['components'] = options.components;
  return document;
}

// 3. The collection.

export interface KeyValueInput {
  key: string;
  value: string;
  disabled?: boolean;
}

export interface RequestOptions {
  /** The path after {{baseUrl}}, e.g. "/api/v1/users/1"; ignored when `url` is given. */
  path?: string;
  /** Replaces the generated URL object (a string, or an object with or without raw). */
  url?: unknown;
  headers?: KeyValueInput[];
  query?: KeyValueInput[];
  pathVariables?: KeyValueInput[];
  /** A raw body; objects are serialised as JSON. */
  body?: unknown;
  responses?: JsonObject[];
  /** Item-level variables (the request's own scope). */
  variables?: KeyValueInput[];
}

/** A url object as Postman writes it: raw plus host and path parts, both from `{{baseUrl}}`. */
export function urlObject(path: string, query: KeyValueInput[] = []): JsonObject {
  const enabled = query.filter(entry => entry.disabled !== true);
  const search =
    enabled.length === 0 ? '' : `?${enabled.map(entry => `${entry.key}=${entry.value}`).join('&')}`;
  const url: JsonObject = {
    raw: `{{baseUrl}}${path}${search}`,
    host: ['{{baseUrl}}'],
    path: path.split('/').filter(segment => segment !== ''),
  };
  if (query.length > 0) url['query'] = query;
  return url;
}

export function requestItem(
  name: string,
  method: string,
  options: RequestOptions = {},
): JsonObject {
  const url = options.url ?? urlObject(options.path ?? '/api/v1/users', options.query);
  if (options.pathVariables !== undefined && typeof url === 'object' && url !== null) {
    (url as JsonObject)['variable'] = options.pathVariables;
  }
  const request: JsonObject = { method, header: options.headers ?? [], url };
  if (options.body !== undefined) {
    const raw =
      typeof options.body === 'string' ? options.body : JSON.stringify(options.body, null, 2);
    request['body'] = { mode: 'raw', raw, options: { raw: { language: 'json' } } };
  }
  const item: JsonObject = { name, request, response: options.responses ?? [] };
  if (options.variables !== undefined) item['variable'] = options.variables;
  return item;
}

/** A saved Postman response with a JSON body. */
export function savedResponse(
  name: string,
  code: number,
  body: unknown,
  contentType = 'application/json',
): JsonObject {
  return {
    name,
    code,
    status: code === 201 ? 'Created' : 'OK',
    header: [{ key: 'Content-Type', value: contentType }],
    body: typeof body === 'string' ? body : JSON.stringify(body, null, 2),
  };
}

export const JSON_CONTENT_TYPE: KeyValueInput = { key: 'Content-Type', value: 'application/json' };

/** One request per operation of `usersPaths()`, each with a saved response that fits. */
export function usersItems(): [listUsers: JsonObject, getUser: JsonObject, createUser: JsonObject] {
  return [
    requestItem('List users', 'GET', {
      path: '/api/v1/users',
      responses: [savedResponse('default', 200, aUserList())],
    }),
    requestItem('Get user', 'GET', {
      path: '/api/v1/users/1',
      responses: [savedResponse('default', 200, aUserBody())],
    }),
    requestItem('Create user', 'POST', {
      path: '/api/v1/users',
      headers: [JSON_CONTENT_TYPE],
      body: { name: 'Ada' },
      responses: [savedResponse('default', 201, aUserBody())],
    }),
  ];
}

export interface CollectionOptions {
  items?: JsonObject[];
  variables?: KeyValueInput[];
}

export function collectionDocument(options: CollectionOptions = {}): JsonObject {
  return {
    info: { name: 'Users', schema: POSTMAN_V21 },
    item: options.items ?? usersItems(),
    variable: options.variables ?? [{ key: 'baseUrl', value: BASE_URL }],
  };
}

// 4. Edits by JSON Pointer, on a copy.

/** A copy of `document` with `value` at `pointer` (the parent must exist); `undefined` deletes. */
export function withValue<T>(document: T, pointer: string, value: unknown): T {
  const copy = structuredClone(document);
  const segments = parsePointer(pointer);
  const last = segments.pop();
  if (last === undefined) throw new Error('withValue needs a non-empty pointer');
  let parent: unknown = copy;
  for (const segment of segments) {
    parent = (parent as Record<string, unknown>)[segment];
    if (typeof parent !== 'object' || parent === null)
      throw new Error(`withValue: nothing at "${segment}" of ${pointer}`);
  }
  const holder = parent as Record<string, unknown>;
  if (Array.isArray(holder) && value === undefined) holder.splice(Number(last), 1);
  else if (value === undefined) delete holder[last];
  else holder[last] = value;
  return copy;
}
