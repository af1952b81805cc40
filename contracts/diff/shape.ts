// Reduces a JSON Schema (3.0 or 3.1 flavour) to what a client depends on: the types, whether
// null is allowed, the enum, the properties and which are required, the item schema.
import { appendPointer, isObject } from '../lib/pointer';
import type { LocatedNode, SpecDocument } from './resolve';

// allOf/oneOf nesting deeper than this is not flattened further; the comparison stays shallow there.
const MAX_COMPOSITION_DEPTH = 8;

export interface SchemaShape {
  pointer: string;
  /** Non-null types; undefined when the schema does not constrain the type. */
  types?: Set<string>;
  typePointer: string;
  nullable: boolean;
  /** Non-null enum values, as JSON text so that objects compare by value. */
  enumValues?: Set<string>;
  enumPointer: string;
  properties: Map<string, LocatedNode>;
  required: Set<string>;
  items?: LocatedNode;
  /** The non-null branches of oneOf/anyOf when there is more than one. */
  variants: LocatedNode[];
}

export function readShape(document: SpecDocument, node: LocatedNode, depth = 0): SchemaShape {
  const schema = node.value;
  const shape: SchemaShape = {
    pointer: node.pointer,
    typePointer: 'type' in schema ? appendPointer(node.pointer, 'type') : node.pointer,
    nullable: schema['nullable'] === true,
    enumPointer: 'enum' in schema ? appendPointer(node.pointer, 'enum') : node.pointer,
    properties: new Map(),
    required: new Set(),
    variants: [],
  };

  // 1. The schema's own keywords.
  readTypes(schema, shape);
  readEnum(schema, shape);
  const properties = document.child(node, 'properties');
  for (const name of Object.keys(properties?.value ?? {})) {
    const property = document.child(node, 'properties', name);
    if (property !== undefined) shape.properties.set(name, property);
  }
  if (Array.isArray(schema['required'])) {
    for (const name of schema['required']) if (typeof name === 'string') shape.required.add(name);
  }
  shape.items = document.child(node, 'items');
  if (depth >= MAX_COMPOSITION_DEPTH) return shape;

  // 2. allOf: every member applies, so their properties and requirements add up.
  for (const member of members(document, node, 'allOf')) {
    const inner = readShape(document, member, depth + 1);
    for (const [name, property] of inner.properties)
      if (!shape.properties.has(name)) shape.properties.set(name, property);
    for (const name of inner.required) shape.required.add(name);
    shape.types ??= inner.types;
    shape.items ??= inner.items;
    shape.nullable ||= inner.nullable;
  }

  // 3. oneOf/anyOf: a null branch makes the field nullable; a single other branch stands for it.
  const branches = [...members(document, node, 'oneOf'), ...members(document, node, 'anyOf')];
  const nonNull = branches.filter(branch => !isNullSchema(branch.value));
  if (nonNull.length < branches.length) shape.nullable = true;
  if (nonNull.length === 1 && shape.types === undefined && shape.properties.size === 0) {
    const inner = readShape(document, nonNull[0] as LocatedNode, depth + 1);
    return { ...inner, nullable: inner.nullable || shape.nullable };
  }
  if (nonNull.length > 1) shape.variants = nonNull;
  return shape;
}

function readTypes(schema: Record<string, unknown>, shape: SchemaShape): void {
  const declared = schema['type'];
  const list =
    typeof declared === 'string'
      ? [declared]
      : Array.isArray(declared)
        ? declared.filter(isString)
        : [];
  if (list.includes('null')) shape.nullable = true;
  const types = list.filter(type => type !== 'null');
  if (types.length > 0) shape.types = new Set(types);
  else if (declared === undefined && isObject(schema['properties']))
    shape.types = new Set(['object']);
  else if (declared === undefined && schema['items'] !== undefined)
    shape.types = new Set(['array']);
}

function readEnum(schema: Record<string, unknown>, shape: SchemaShape): void {
  const values = Array.isArray(schema['enum'])
    ? schema['enum']
    : 'const' in schema
      ? [schema['const']]
      : undefined;
  if (values === undefined) return;
  if (values.includes(null)) shape.nullable = true;
  shape.enumValues = new Set(
    values.filter(value => value !== null).map(value => JSON.stringify(value)),
  );
}

function members(document: SpecDocument, node: LocatedNode, keyword: string): LocatedNode[] {
  const list = node.value[keyword];
  if (!Array.isArray(list)) return [];
  return list.flatMap((_, index) => document.child(node, keyword, String(index)) ?? []);
}

function isNullSchema(schema: Record<string, unknown>): boolean {
  if (schema['type'] === 'null') return true;
  if ('const' in schema && schema['const'] === null) return true;
  return Array.isArray(schema['enum']) && schema['enum'].length === 1 && schema['enum'][0] === null;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
