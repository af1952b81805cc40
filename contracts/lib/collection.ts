import { loadJsonSource } from './json-source';
import { rejectInput } from './json-source';
import type { JsonSource } from './json-source';
import { describeType } from './openapi';
import { appendPointer, isObject } from './pointer';
import type {
  CollectionModel,
  CollectionRequest,
  KeyValue,
  RequestBody,
  SavedResponse,
} from './types';

const SUPPORTED_SCHEMA = /\/collection\/v2\.[01]\.\d+\//;

export function loadCollection(file: string): CollectionModel {
  return readCollection(loadJsonSource(file, 'The Postman collection'));
}

export function readCollection(source: JsonSource): CollectionModel {
  const fail = (pointer: string, problem: string): never =>
    rejectInput(source, 'The Postman collection', pointer, problem);

  const document = source.value;
  if (!isObject(document)) {
    return fail(
      '',
      `must be a JSON object, but its top level is ${describeType(document)}; export the collection again from Postman as "Collection v2.1"`,
    );
  }
  if (Array.isArray(document['requests']) || Array.isArray(document['order'])) {
    return fail(
      '',
      'is in the Postman v1 format; export it again from Postman as "Collection v2.1"',
    );
  }
  const info = document['info'];
  const schema = isObject(info) ? info['schema'] : undefined;
  if (typeof schema !== 'string' || !SUPPORTED_SCHEMA.test(schema)) {
    const where = isObject(info) ? '/info/schema' : '';
    return fail(
      where,
      'must declare "info.schema" as the Postman Collection v2.1 (or v2.0) schema URL; export it again as "Collection v2.1"',
    );
  }
  if (!Array.isArray(document['item']))
    return fail('/item', 'must have an "item" array of folders and requests');

  const variables = readVariables(document['variable'], new Map());
  const requests: CollectionRequest[] = [];
  walkItems(document['item'], '/item', [], variables, requests, fail);
  const name = isObject(info) && typeof info['name'] === 'string' ? info['name'] : source.file;
  return { source, name, requests, variables };
}

function walkItems(
  items: unknown[],
  pointer: string,
  folders: string[],
  scope: Map<string, string>,
  into: CollectionRequest[],
  fail: (pointer: string, problem: string) => never,
): void {
  items.forEach((item, index) => {
    const at = appendPointer(pointer, index);
    if (!isObject(item)) return fail(at, 'has an item that is not an object');
    const name = typeof item['name'] === 'string' ? item['name'] : `item ${index + 1}`;
    const innerScope = readVariables(item['variable'], scope);
    if (Array.isArray(item['item'])) {
      walkItems(
        item['item'],
        appendPointer(at, 'item'),
        [...folders, name],
        innerScope,
        into,
        fail,
      );
    } else if (item['request'] !== undefined) {
      const request = readRequest(
        item['request'],
        appendPointer(at, 'request'),
        name,
        folders,
        innerScope,
        fail,
      );
      request.responses = readSavedResponses(item['response'], appendPointer(at, 'response'));
      into.push(request);
    } else {
      fail(at, `has an item "${name}" with neither "request" nor "item"`);
    }
  });
}

function readRequest(
  raw: unknown,
  pointer: string,
  name: string,
  folders: string[],
  variables: Map<string, string>,
  fail: (pointer: string, problem: string) => never,
): CollectionRequest {
  // The v2.1 schema lets a request be just its URL.
  const request = typeof raw === 'string' ? { url: raw, method: 'GET' } : raw;
  if (!isObject(request))
    return fail(pointer, `has a request "${name}" that is neither an object nor a URL string`);
  const itemPointer = pointer.replace(/\/request$/, '');
  const method = typeof request['method'] === 'string' ? request['method'].toUpperCase() : 'GET';
  const urlPointer = typeof raw === 'string' ? pointer : appendPointer(pointer, 'url');
  const url = request['url'];
  const label = [...folders, name].join(' › ');

  const result: CollectionRequest = {
    label,
    name,
    group: folders[0] ?? '',
    pointer: itemPointer,
    method,
    urlPointer,
    pathVariables: new Map(),
    headers: readKeyValues(request['header'], appendPointer(pointer, 'header')),
    query: [],
    body: readBody(request['body'], appendPointer(pointer, 'body')),
    responses: [],
    variables,
  };

  if (typeof url === 'string') {
    result.rawUrl = url;
  } else if (isObject(url)) {
    if (typeof url['raw'] === 'string') result.rawUrl = url['raw'];
    result.query = readKeyValues(url['query'], appendPointer(urlPointer, 'query'));
    result.partsUrl = buildPartsUrl(url, result.query);
    for (const entry of readKeyValues(url['variable'], appendPointer(urlPointer, 'variable'))) {
      result.pathVariables.set(entry.key, entry.value);
    }
  } else if (url !== undefined) {
    fail(urlPointer, `has a request "${name}" whose "url" is neither a string nor an object`);
  }
  return result;
}

export function readSavedResponses(raw: unknown, pointer: string): SavedResponse[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry, index): SavedResponse[] => {
    if (!isObject(entry)) return [];
    const at = appendPointer(pointer, index);
    return [
      {
        name: typeof entry['name'] === 'string' ? entry['name'] : `response ${index + 1}`,
        pointer: at,
        code: typeof entry['code'] === 'number' ? entry['code'] : undefined,
        headers: readKeyValues(entry['header'], appendPointer(at, 'header')),
        body: typeof entry['body'] === 'string' ? entry['body'] : undefined,
      },
    ];
  });
}

function readBody(raw: unknown, pointer: string): RequestBody | undefined {
  if (!isObject(raw) || raw['disabled'] === true) return undefined;
  const mode = raw['mode'];
  if (mode === 'raw') {
    if (typeof raw['raw'] !== 'string' || raw['raw'] === '') return undefined;
    const options = raw['options'];
    const rawOptions = isObject(options) ? options['raw'] : undefined;
    const language =
      isObject(rawOptions) && typeof rawOptions['language'] === 'string'
        ? rawOptions['language']
        : undefined;
    return { mode: 'raw', raw: raw['raw'], pointer: appendPointer(pointer, 'raw'), language };
  }
  if (mode === 'urlencoded') {
    return {
      mode: 'urlencoded',
      fields: readKeyValues(raw['urlencoded'], appendPointer(pointer, 'urlencoded')),
      pointer,
    };
  }
  return typeof mode === 'string' ? { mode: 'other', kind: mode, pointer } : undefined;
}

// Disabled entries do not exist for Postman, Newman or this check.
export function readKeyValues(raw: unknown, pointer: string): KeyValue[] {
  if (typeof raw === 'string') {
    return raw
      .split('\n')
      .map(line => line.trim())
      .filter(line => line.includes(':'))
      .map(line => ({
        key: line.slice(0, line.indexOf(':')).trim(),
        value: line.slice(line.indexOf(':') + 1).trim(),
        pointer,
      }));
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry, index): KeyValue[] => {
    if (!isObject(entry) || entry['disabled'] === true || typeof entry['key'] !== 'string')
      return [];
    const value = entry['value'];
    return [
      {
        key: entry['key'],
        value: value === undefined || value === null ? '' : String(value),
        pointer: appendPointer(pointer, index),
      },
    ];
  });
}

function readVariables(raw: unknown, outer: Map<string, string>): Map<string, string> {
  const entries = readKeyValues(raw, '');
  if (entries.length === 0) return outer;
  const scope = new Map(outer);
  for (const entry of entries) scope.set(entry.key, entry.value);
  return scope;
}

function buildPartsUrl(url: Record<string, unknown>, query: KeyValue[]): string | undefined {
  const host = joinParts(url['host'], '.');
  const path = joinParts(url['path'], '/');
  if (host === undefined && path === undefined) return undefined;
  const protocol = typeof url['protocol'] === 'string' ? `${url['protocol']}://` : '';
  const port =
    typeof url['port'] === 'string' || typeof url['port'] === 'number' ? `:${url['port']}` : '';
  const pathPart = path === undefined ? '' : `/${path}`;
  const search =
    query.length === 0 ? '' : `?${query.map(entry => `${entry.key}=${entry.value}`).join('&')}`;
  return `${protocol}${host ?? ''}${port}${pathPart}${search}`;
}

function joinParts(raw: unknown, separator: string): string | undefined {
  if (typeof raw === 'string') return raw.replace(/^\//, '');
  if (!Array.isArray(raw)) return undefined;
  return raw
    .map(part =>
      isObject(part) && typeof part['value'] === 'string' ? part['value'] : String(part),
    )
    .join(separator);
}
