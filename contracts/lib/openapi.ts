import { loadJsonSource } from './json-source';
import { rejectInput } from './json-source';
import { holdsData } from './keywords';
import type { JsonSource } from './json-source';
import { appendPointer, getAtPointer, isObject, toPointer } from './pointer';
import type {
  Example,
  MediaTypeDecl,
  Operation,
  ParameterDecl,
  PathTemplate,
  ResponseDecl,
  SpecModel,
} from './types';

export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

export function loadSpec(file: string): SpecModel {
  const source = loadJsonSource(file, 'The OpenAPI document');
  return readSpec(source);
}

export function readSpec(source: JsonSource): SpecModel {
  const fail = (pointer: string, problem: string): never =>
    rejectInput(source, 'The OpenAPI document', pointer, problem);

  // 1. The document must be an OpenAPI 3.0 or 3.1 object.
  const document = source.value;
  if (!isObject(document)) {
    return fail(
      '',
      `must be a JSON object, but its top level is ${describeType(document)}; pass the OpenAPI document itself, an object with "openapi", "info" and "paths"`,
    );
  }
  const declared = document['openapi'];
  if (typeof declared !== 'string') {
    const hint =
      typeof document['swagger'] === 'string' ? '; convert Swagger 2.0 to OpenAPI 3.1 first' : '';
    return fail('', `must declare "openapi": "3.1.0" (or 3.0.x) at the top level${hint}`);
  }
  const version = /^3\.1\.\d+/.test(declared)
    ? '3.1'
    : /^3\.0\.\d+/.test(declared)
      ? '3.0'
      : undefined;
  if (version === undefined) {
    return fail(
      '/openapi',
      `declares OpenAPI "${declared}", but only 3.0.x and 3.1.x are supported`,
    );
  }
  const info = document['info'];
  if (!isObject(info) || typeof info['title'] !== 'string' || typeof info['version'] !== 'string') {
    return fail(
      isObject(info) ? '/info' : '',
      'must have an "info" object with a string "title" and "version", as every OpenAPI document does',
    );
  }
  const paths = document['paths'];
  if (!isObject(paths)) {
    return fail(
      paths === undefined ? '' : '/paths',
      'must have a "paths" object holding the operations to mock and check',
    );
  }

  // 2. Every $ref must point inside this document, at something that exists.
  checkReferences(document, fail);

  // 3. Operations, read from canonical path items; $ref-only path items become aliases.
  const templates: PathTemplate[] = [];
  const operations: Operation[] = [];
  for (const [key, item] of Object.entries(paths)) {
    const itemPointer = toPointer(['paths', key]);
    if (!key.startsWith('/')) fail(itemPointer, `has the path "${key}", which must start with "/"`);
    if (!isObject(item)) return fail(itemPointer, `has a path item "${key}" that is not an object`);
    const ref = item['$ref'];
    if (typeof ref === 'string') {
      const target = resolveRefTarget(ref, paths);
      if (target !== undefined && Object.keys(item).length === 1) {
        templates.push({ key, canonical: target, pointer: itemPointer });
        continue;
      }
    }
    templates.push({ key, canonical: key, pointer: itemPointer });
    operations.push(...readOperations(document, key, item, itemPointer, fail));
  }

  return { source, version, document, operations, templates };
}

function readOperations(
  document: Record<string, unknown>,
  path: string,
  rawItem: Record<string, unknown>,
  itemPointer: string,
  fail: (pointer: string, problem: string) => never,
): Operation[] {
  const item = typeof rawItem['$ref'] === 'string' ? deref(document, rawItem).value : rawItem;
  if (!isObject(item)) return fail(itemPointer, `has a path item "${path}" that is not an object`);
  const shared = readParameters(
    document,
    item['parameters'],
    appendPointer(itemPointer, 'parameters'),
    fail,
  );
  const operations: Operation[] = [];

  for (const method of HTTP_METHODS) {
    const node = item[method];
    if (node === undefined) continue;
    const pointer = appendPointer(itemPointer, method);
    if (!isObject(node))
      return fail(
        pointer,
        `has an operation "${method.toUpperCase()} ${path}" that is not an object`,
      );
    const own = readParameters(
      document,
      node['parameters'],
      appendPointer(pointer, 'parameters'),
      fail,
    );
    // Operation-level parameters override path-level ones with the same name and location.
    const overridden = new Set(own.map(parameter => `${parameter.in}:${parameter.name}`));
    const parameters = [...shared.filter(p => !overridden.has(`${p.in}:${p.name}`)), ...own];
    const tags = Array.isArray(node['tags'])
      ? node['tags'].filter(tag => typeof tag === 'string')
      : [];

    operations.push({
      method,
      path,
      label: `${method.toUpperCase()} ${path}`,
      pointer,
      operationId: typeof node['operationId'] === 'string' ? node['operationId'] : undefined,
      summary: typeof node['summary'] === 'string' ? node['summary'] : undefined,
      tag: tags[0],
      parameters,
      requestBody: readRequestBody(
        document,
        node['requestBody'],
        appendPointer(pointer, 'requestBody'),
        fail,
      ),
      responses: readResponses(
        document,
        node['responses'],
        appendPointer(pointer, 'responses'),
        fail,
      ),
    });
  }
  return operations;
}

function readParameters(
  document: Record<string, unknown>,
  raw: unknown,
  pointer: string,
  fail: (pointer: string, problem: string) => never,
): ParameterDecl[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return fail(pointer, 'has "parameters" that is not an array');
  return raw.map((entry, index) => {
    const { value, pointer: at } = deref(document, entry, appendPointer(pointer, index));
    if (
      !isObject(value) ||
      typeof value['name'] !== 'string' ||
      !isParameterLocation(value['in'])
    ) {
      return fail(
        at,
        'has a parameter without a string "name" and an "in" of path, query, header or cookie',
      );
    }
    const schemaPointer = value['schema'] === undefined ? undefined : appendPointer(at, 'schema');
    return {
      name: value['name'],
      in: value['in'],
      required: value['in'] === 'path' || value['required'] === true,
      pointer: at,
      schemaPointer,
    };
  });
}

function readRequestBody(
  document: Record<string, unknown>,
  raw: unknown,
  pointer: string,
  fail: (pointer: string, problem: string) => never,
): Operation['requestBody'] {
  if (raw === undefined) return undefined;
  const { value, pointer: at } = deref(document, raw, pointer);
  if (!isObject(value)) return fail(at, 'has a "requestBody" that is not an object');
  return {
    pointer: at,
    required: value['required'] === true,
    content: readContent(document, value['content'], at, fail),
  };
}

function readResponses(
  document: Record<string, unknown>,
  raw: unknown,
  pointer: string,
  fail: (pointer: string, problem: string) => never,
): ResponseDecl[] {
  if (raw === undefined) return [];
  if (!isObject(raw)) return fail(pointer, 'has "responses" that is not an object');
  return Object.entries(raw).map(([status, entry]) => {
    const { value, pointer: at } = deref(document, entry, appendPointer(pointer, status));
    if (!isObject(value)) return fail(at, `has a response "${status}" that is not an object`);
    return { status, pointer: at, content: readContent(document, value['content'], at, fail) };
  });
}

function readContent(
  document: Record<string, unknown>,
  raw: unknown,
  ownerPointer: string,
  fail: (pointer: string, problem: string) => never,
): MediaTypeDecl[] {
  if (raw === undefined) return [];
  const pointer = appendPointer(ownerPointer, 'content');
  if (!isObject(raw)) return fail(pointer, 'has a "content" that is not an object');
  return Object.entries(raw).map(([mediaType, media]) => {
    const at = appendPointer(pointer, mediaType);
    if (!isObject(media)) return fail(at, `has a media type "${mediaType}" that is not an object`);
    const examples: Example[] = [];
    if ('example' in media)
      examples.push({
        name: 'example',
        pointer: appendPointer(at, 'example'),
        value: media['example'],
      });
    const named = media['examples'];
    if (isObject(named)) {
      for (const [name, entry] of Object.entries(named)) {
        const resolved = deref(document, entry, appendPointer(at, 'examples', name));
        if (isObject(resolved.value) && 'value' in resolved.value) {
          examples.push({
            name,
            pointer: appendPointer(resolved.pointer, 'value'),
            value: resolved.value['value'],
          });
        }
      }
    }
    const schemaPointer = media['schema'] === undefined ? undefined : appendPointer(at, 'schema');
    return { mediaType, pointer: at, schemaPointer, examples };
  });
}

/** Follows `$ref` chains (local only; checked beforehand) and returns the value and its pointer. */
export function deref(
  document: Record<string, unknown>,
  value: unknown,
  pointer = '',
): { value: unknown; pointer: string } {
  let current = value;
  let at = pointer;
  const seen = new Set<string>();
  while (
    isObject(current) &&
    typeof current['$ref'] === 'string' &&
    current['$ref'].startsWith('#')
  ) {
    const ref = current['$ref'];
    if (seen.has(ref)) break;
    seen.add(ref);
    at = decodeURIComponent(ref.slice(1));
    current = getAtPointer(document, at);
  }
  return { value: current, pointer: at };
}

function resolveRefTarget(ref: string, paths: Record<string, unknown>): string | undefined {
  const match = /^#\/paths\/(.+)$/.exec(ref);
  if (match === null || match[1] === undefined || match[1].includes('/')) return undefined;
  const key = decodeURIComponent(match[1]).replace(/~1/g, '/').replace(/~0/g, '~');
  return isObject(paths[key]) ? key : undefined;
}

function checkReferences(
  document: Record<string, unknown>,
  fail: (pointer: string, problem: string) => never,
): void {
  const pending: Array<{ value: unknown; segments: Array<string | number> }> = [
    { value: document, segments: [] },
  ];
  while (pending.length > 0) {
    const { value, segments } = pending.pop() as {
      value: unknown;
      segments: Array<string | number>;
    };
    if (Array.isArray(value)) {
      value.forEach((child, index) =>
        pending.push({ value: child, segments: [...segments, index] }),
      );
      continue;
    }
    if (!isObject(value)) continue;
    for (const [key, child] of Object.entries(value)) {
      if (isDataKeyword(key, segments)) continue;
      if (key === '$ref' && typeof child === 'string') {
        const pointer = toPointer([...segments, key]);
        if (!child.startsWith('#')) {
          fail(
            pointer,
            `has the external $ref "${child}"; bundle the referenced file into this document first`,
          );
        }
        if (!isDecodable(child)) {
          fail(
            pointer,
            `has a $ref "${child}" with a broken %-escape; write the JSON Pointer with valid percent-encoding`,
          );
        }
        if (getAtPointer(document, child) === undefined) {
          fail(
            pointer,
            `has a $ref "${child}" that points at nothing; fix the target or define it`,
          );
        }
      }
      pending.push({ value: child, segments: [...segments, key] });
    }
  }
}

function isDecodable(ref: string): boolean {
  try {
    decodeURIComponent(ref);
    return true;
  } catch {
    return false;
  }
}

// Example values are data: a "$ref" key inside them is not a reference.
function isDataKeyword(key: string, segments: Array<string | number>): boolean {
  if (key === 'examples') return false; // a map of Example Objects, which may themselves be $refs
  if (holdsData(key, segments.at(-1))) return true;
  return key === 'value' && segments.at(-2) === 'examples';
}

function isParameterLocation(value: unknown): value is ParameterDecl['in'] {
  return value === 'path' || value === 'query' || value === 'header' || value === 'cookie';
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
