// Walks the operations of both documents and hands each pair of schemas to compareSchemas.
import { appendPointer, isObject, toPointer } from '../lib/pointer';
import { compareSchemas } from './compare-schemas';
import type { Direction, SchemaWalk } from './compare-schemas';
import type { LocatedNode, SpecDocument } from './resolve';
import type { RawChange } from './types';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface OperationNode {
  label: string;
  node: LocatedNode;
  /** Path-level parameters, which apply unless the operation redeclares them. */
  pathParameters: LocatedNode[];
  pathKey: string;
}

export function compareOperations(
  base: SpecDocument,
  head: SpecDocument,
  report: (change: RawChange) => void,
): void {
  const before = listOperations(base);
  const after = listOperations(head);

  for (const [label, old] of before) {
    const next = after.get(label);
    if (next === undefined) {
      const pointer = isObject(
        (head.root as { paths?: Record<string, unknown> }).paths?.[old.pathKey],
      )
        ? toPointer(['paths', old.pathKey])
        : '/paths';
      report({
        kind: 'operation-removed',
        detail: `operation "${label}" was removed`,
        pointer,
        previousPointer: old.node.pointer,
        operation: label,
        part: 'operation',
      });
      continue;
    }
    const walk = (direction: Direction, part: string, rootLabel: string): SchemaWalk => ({
      base,
      head,
      direction,
      operation: label,
      part,
      rootLabel,
      report,
      seen: new Set(),
    });
    compareParameters(base, head, old, next, walk, report);
    compareRequestBodies(base, head, old, next, walk, report);
    compareResponses(base, head, old, next, walk, report);
  }
  for (const [label, next] of after) {
    if (!before.has(label))
      report({
        kind: 'operation-added',
        detail: `operation "${label}" was added`,
        pointer: next.node.pointer,
        operation: label,
        part: 'operation',
      });
  }
}

function listOperations(document: SpecDocument): Map<string, OperationNode> {
  const operations = new Map<string, OperationNode>();
  const paths = document.resolve((document.root as { paths?: unknown }).paths, '/paths');
  for (const pathKey of Object.keys(paths?.value ?? {})) {
    // A $ref-only path item (the other slash spelling) resolves to its canonical item.
    const item = paths === undefined ? undefined : document.child(paths, pathKey);
    if (item === undefined) continue;
    const pathParameters = listNodes(document, item, 'parameters');
    for (const method of METHODS) {
      const node = document.child(item, method);
      if (node !== undefined)
        operations.set(`${method.toUpperCase()} ${pathKey}`, {
          label: `${method.toUpperCase()} ${pathKey}`,
          node,
          pathParameters,
          pathKey,
        });
    }
  }
  return operations;
}

type WalkFactory = (direction: Direction, part: string, rootLabel: string) => SchemaWalk;
type Report = (change: RawChange) => void;

function compareParameters(
  base: SpecDocument,
  head: SpecDocument,
  old: OperationNode,
  next: OperationNode,
  walk: WalkFactory,
  report: Report,
): void {
  const before = indexParameters(base, old);
  const after = indexParameters(head, next);
  const add = (
    kind: RawChange['kind'],
    detail: string,
    pointer: string,
    previousPointer?: string,
  ): void =>
    report({ kind, detail, pointer, previousPointer, operation: old.label, part: 'parameters' });

  for (const [key, parameter] of after) {
    const [where, name] = splitKey(key);
    const required = parameter.value['required'] === true;
    const previous = before.get(key);
    if (previous === undefined) {
      add(
        required ? 'parameter-required' : 'parameter-added',
        `${where} parameter "${name}" was added${required ? ' as required' : ''}`,
        parameter.pointer,
      );
      continue;
    }
    if (required && previous.value['required'] !== true)
      add(
        'parameter-required',
        `${where} parameter "${name}" became required`,
        appendPointer(parameter.pointer, 'required'),
      );
    const oldSchema = base.child(previous, 'schema');
    const newSchema = head.child(parameter, 'schema');
    if (oldSchema !== undefined && newSchema !== undefined) {
      compareSchemas(
        walk('request', `${where} parameter "${name}"`, `${where} parameter "${name}"`),
        oldSchema,
        newSchema,
        '',
      );
    }
  }
  for (const [key, parameter] of before) {
    const [where, name] = splitKey(key);
    if (!after.has(key))
      add(
        'parameter-removed',
        `${where} parameter "${name}" was removed`,
        next.node.pointer,
        parameter.pointer,
      );
  }
}

function compareRequestBodies(
  base: SpecDocument,
  head: SpecDocument,
  old: OperationNode,
  next: OperationNode,
  walk: WalkFactory,
  report: Report,
): void {
  const before = base.child(old.node, 'requestBody');
  const after = head.child(next.node, 'requestBody');
  if (after === undefined) return;

  const required = after.value['required'] === true;
  if (required && before?.value['required'] !== true) {
    const detail =
      before === undefined
        ? 'a required request body was added'
        : 'the request body became required';
    report({
      kind: 'request-field-required',
      detail,
      pointer: after.pointer,
      operation: old.label,
      part: 'request body',
    });
  }
  if (before !== undefined)
    compareContent(
      base,
      head,
      before,
      after,
      walk('request', 'request body', 'the request body'),
      report,
    );
}

function compareResponses(
  base: SpecDocument,
  head: SpecDocument,
  old: OperationNode,
  next: OperationNode,
  walk: WalkFactory,
  report: Report,
): void {
  const before = base.child(old.node, 'responses');
  const after = head.child(next.node, 'responses');
  if (before === undefined || after === undefined) return;

  for (const status of Object.keys(before.value)) {
    const oldResponse = base.child(before, status);
    const newResponse = head.child(after, status);
    if (oldResponse === undefined) continue;
    if (newResponse === undefined) {
      report({
        kind: 'response-status-changed',
        detail: `the ${status} response was removed`,
        pointer: after.pointer,
        previousPointer: oldResponse.pointer,
        operation: old.label,
        part: 'responses',
      });
      continue;
    }
    compareContent(
      base,
      head,
      oldResponse,
      newResponse,
      walk('response', `${status} response`, 'the response body'),
      report,
    );
  }
  for (const status of Object.keys(after.value)) {
    if (!(status in before.value))
      report({
        kind: 'response-status-changed',
        detail: `a ${status} response was added`,
        pointer: appendPointer(after.pointer, status),
        operation: old.label,
        part: 'responses',
      });
  }
}

function compareContent(
  base: SpecDocument,
  head: SpecDocument,
  before: LocatedNode,
  after: LocatedNode,
  walk: SchemaWalk,
  report: Report,
): void {
  const oldContent = base.child(before, 'content');
  const newContent = head.child(after, 'content');
  for (const mediaType of Object.keys(oldContent?.value ?? {})) {
    const oldSchema =
      oldContent === undefined ? undefined : base.child(oldContent, mediaType, 'schema');
    const newSchema =
      newContent === undefined ? undefined : head.child(newContent, mediaType, 'schema');
    if (newContent === undefined || !(mediaType in newContent.value)) {
      const detail = `the ${walk.part} no longer offers "${mediaType}"`;
      report({
        kind: 'media-type-changed',
        detail,
        pointer: after.pointer,
        previousPointer: appendPointer(before.pointer, 'content', mediaType),
        operation: walk.operation,
        part: walk.part,
      });
      continue;
    }
    if (oldSchema !== undefined && newSchema !== undefined)
      compareSchemas(walk, oldSchema, newSchema, '');
  }
}

// Parameters are identified by location and name; header names are case-insensitive.
function indexParameters(
  document: SpecDocument,
  operation: OperationNode,
): Map<string, LocatedNode> {
  const index = new Map<string, LocatedNode>();
  for (const parameter of [
    ...operation.pathParameters,
    ...listNodes(document, operation.node, 'parameters'),
  ]) {
    const where = parameter.value['in'];
    const name = parameter.value['name'];
    if (typeof where !== 'string' || typeof name !== 'string') continue;
    index.set(`${where}\u0000${where === 'header' ? name.toLowerCase() : name}`, parameter);
  }
  return index;
}

function splitKey(key: string): [string, string] {
  const [where = '', name = ''] = key.split('\u0000');
  return [where, name];
}

function listNodes(document: SpecDocument, parent: LocatedNode, keyword: string): LocatedNode[] {
  const list = parent.value[keyword];
  if (!Array.isArray(list)) return [];
  return list.flatMap((_, index) => document.child(parent, keyword, String(index)) ?? []);
}
