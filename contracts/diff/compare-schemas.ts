// Compares two schemas for one field, in one direction. What breaks a client depends on the
// direction: a client reads responses (it breaks when they grow), and writes requests (it
// breaks when they shrink or demand more).
import { appendPointer } from '../lib/pointer';
import type { LocatedNode, SpecDocument } from './resolve';
import { readShape } from './shape';
import type { SchemaShape } from './shape';
import type { ChangeKind, RawChange } from './types';

export type Direction = 'request' | 'response';

export interface SchemaWalk {
  base: SpecDocument;
  head: SpecDocument;
  direction: Direction;
  operation: string;
  part: string;
  /** What the schema's root is called in messages: "the body", 'parameter "limit"'. */
  rootLabel: string;
  report(change: RawChange): void;
  /** Pairs of pointers already compared; shared schemas and cycles are walked once. */
  seen: Set<string>;
}

export function compareSchemas(
  walk: SchemaWalk,
  before: LocatedNode,
  after: LocatedNode,
  field: string,
): void {
  const key = `${walk.direction}|${walk.operation}|${walk.part}|${before.pointer}|${after.pointer}`;
  if (walk.seen.has(key)) return;
  walk.seen.add(key);

  const old = readShape(walk.base, before);
  const next = readShape(walk.head, after);
  const add = (kind: ChangeKind, detail: string, pointer: string, previousPointer?: string): void =>
    walk.report({
      kind,
      detail,
      pointer,
      previousPointer,
      operation: walk.operation,
      part: walk.part,
    });
  const name = describeField(walk, field);

  // 1. Types, null and enum values of this field.
  if (old.types !== undefined && next.types !== undefined && !sameSet(old.types, next.types)) {
    const widened =
      walk.direction === 'request' ? covers(next.types, old.types) : covers(old.types, next.types);
    add(
      widened ? 'field-type-widened' : 'field-type-changed',
      `${name} changed type from ${listTypes(old.types)} to ${listTypes(next.types)}`,
      next.typePointer,
    );
  }
  if (!old.nullable && next.nullable) {
    const detail = `${name} became nullable`;
    add(
      walk.direction === 'response' ? 'field-became-nullable' : 'field-type-widened',
      detail,
      next.typePointer,
    );
  }
  if (old.enumValues !== undefined && next.enumValues !== undefined) {
    const removed = [...old.enumValues].filter(value => !next.enumValues?.has(value));
    const added = [...next.enumValues].filter(value => !old.enumValues?.has(value));
    if (removed.length > 0)
      add(
        'enum-value-removed',
        `${name} no longer allows ${removed.join(', ')}`,
        next.enumPointer,
        old.enumPointer,
      );
    if (added.length > 0)
      add('enum-value-added', `${name} now also allows ${added.join(', ')}`, next.enumPointer);
  }

  // 2. Properties: removed, added, newly required, then each common one in depth.
  compareProperties(walk, old, next, field, add);

  // 3. Array items and same-length oneOf/anyOf branches.
  if (old.items !== undefined && next.items !== undefined)
    compareSchemas(walk, old.items, next.items, `${field}[]`);
  if (old.variants.length > 0 && old.variants.length === next.variants.length) {
    old.variants.forEach((variant, index) =>
      compareSchemas(walk, variant, next.variants[index] as LocatedNode, `${field}<${index + 1}>`),
    );
  }
}

type Add = (kind: ChangeKind, detail: string, pointer: string, previousPointer?: string) => void;

function compareProperties(
  walk: SchemaWalk,
  old: SchemaShape,
  next: SchemaShape,
  field: string,
  add: Add,
): void {
  const removed = [...old.properties.keys()].filter(name => !next.properties.has(name));
  const added = [...next.properties.keys()].filter(name => !old.properties.has(name));
  const parentPointer =
    next.properties.size > 0 ? appendPointer(next.pointer, 'properties') : next.pointer;

  for (const property of removed) {
    const name = describeField(walk, join(field, property));
    const previous = old.properties.get(property)?.pointer;
    if (walk.direction === 'request') {
      add('request-field-removed', `${name} was removed from the request`, parentPointer, previous);
      continue;
    }
    const hint =
      added.length === 0
        ? ''
        : ` (renamed to ${added.map(other => `"${join(field, other)}"`).join(' or ')}?)`;
    add('response-field-removed', `${name} was removed${hint}`, parentPointer, previous);
  }

  for (const property of added) {
    const pointer = next.properties.get(property)?.pointer ?? parentPointer;
    const name = describeField(walk, join(field, property));
    if (walk.direction === 'request' && next.required.has(property))
      add('request-field-required', `${name} was added as a required request field`, pointer);
    else add('field-added', `${name} was added`, pointer);
  }

  for (const [property, before] of old.properties) {
    const after = next.properties.get(property);
    if (after === undefined) continue;
    const name = describeField(walk, join(field, property));
    if (
      walk.direction === 'request' &&
      next.required.has(property) &&
      !old.required.has(property)
    ) {
      add('request-field-required', `${name} became required`, after.pointer);
    }
    if (
      walk.direction === 'response' &&
      old.required.has(property) &&
      !next.required.has(property)
    ) {
      add(
        'field-now-optional',
        `${name} is no longer required, so responses may omit it`,
        after.pointer,
      );
    }
    compareSchemas(walk, before, after, join(field, property));
  }
}

// "number" accepts every "integer"; otherwise a type only covers itself.
function covers(wider: Set<string>, narrower: Set<string>): boolean {
  return [...narrower].every(
    type => wider.has(type) || (type === 'integer' && wider.has('number')),
  );
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every(value => b.has(value));
}

function listTypes(types: Set<string>): string {
  return [...types].map(type => `"${type}"`).join(' or ');
}

function join(field: string, property: string): string {
  return field === '' ? property : `${field}.${property}`;
}

function describeField(walk: SchemaWalk, field: string): string {
  return field === '' ? walk.rootLabel : `field "${field}"`;
}
