import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import { deref } from './openapi';
import { holdsData } from './keywords';
import { schemaCompileError } from './schema-errors';
import { encodeUriSegment, getAtPointer, isObject } from './pointer';
import type { SpecModel } from './types';

/** Which side of the wire a value travels on; `readOnly`/`writeOnly` scope `required` by it. */
export type Direction = 'request' | 'response';

export interface SchemaProblem {
  /** Where in the validated value, as a readable path such as `data[0].id`. */
  at: string;
  message: string;
}

// OpenAPI's own format names. They only describe numbers and strings, so they never reject.
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'binary', 'password', 'byte'];

/**
 * Validates values against schemas of one OpenAPI document with AJV in 2020-12 mode.
 * The document is loaded whole, so `$ref` cycles and `$ref` siblings behave as JSON Schema says,
 * and each distinct schema is compiled once, on first use.
 */
export class SchemaValidator {
  private plainAjv: Ajv2020 | undefined;
  private coercingAjv: Ajv2020 | undefined;
  private readonly views: Record<Direction, View>;
  private readonly byPointer = new Map<string, ValidateFunction>();
  private readonly byContent = new Map<string, ValidateFunction>();

  constructor(private readonly spec: SpecModel) {
    this.views = { request: buildView(spec, 'request'), response: buildView(spec, 'response') };
  }

  validate(direction: Direction, schemaPointer: string, value: unknown): SchemaProblem[] {
    const validate = this.compile('plain', direction, schemaPointer);
    return validate(value) ? [] : fromAjvErrors(validate.errors ?? [], value);
  }

  /** Validates a path or query parameter's text, coerced to the schema's type as servers do. */
  validateParameter(schemaPointer: string, text: string | string[]): SchemaProblem[] {
    const validate = this.compile('coercing', 'request', schemaPointer);
    const holder = { value: text };
    return validate(holder)
      ? []
      : fromAjvErrors(validate.errors ?? [], holder).map(problem => ({
          at: problem.at.replace(/^value\.?/, ''),
          message: problem.message,
        }));
  }

  // Operations share schemas through $refs and repeat small inline ones (an id parameter), so
  // validators are kept by the schema they end up at, and by its content when no $id can move
  // the base of its references.
  private compile(
    mode: 'plain' | 'coercing',
    direction: Direction,
    schemaPointer: string,
  ): ValidateFunction {
    const pointerKey = `${mode}:${direction}#${schemaPointer}`;
    let validate = this.byPointer.get(pointerKey);
    if (validate !== undefined) return validate;

    const view = this.views[direction];
    const target = view.hasIds ? schemaPointer : followPlainRefs(view.document, schemaPointer);
    const node = getAtPointer(view.document, target);
    const contentKey =
      view.hasIds || node === undefined
        ? `${mode}:${direction}#${target}`
        : `${mode}:${direction}:${JSON.stringify(node)}`;
    validate = this.byContent.get(contentKey);
    if (validate === undefined) {
      const ref = { $ref: `${direction}#${encodePointer(target)}` };
      try {
        validate =
          mode === 'plain'
            ? this.ajv('plain').compile(ref)
            : this.ajv('coercing').compile({ type: 'object', properties: { value: ref } });
      } catch (error) {
        // A schema that is not valid JSON Schema ("type": "strin") is unusable input, not a crash.
        throw schemaCompileError(this.spec, view.document, target, error);
      }
      this.byContent.set(contentKey, validate);
    }
    this.byPointer.set(pointerKey, validate);
    return validate;
  }

  private ajv(mode: 'plain' | 'coercing'): Ajv2020 {
    const existing = mode === 'plain' ? this.plainAjv : this.coercingAjv;
    if (existing !== undefined) return existing;
    const ajv = createAjv(mode === 'plain' ? false : 'array');
    for (const direction of ['request', 'response'] as const)
      ajv.addSchema(this.views[direction].document, direction);
    if (mode === 'plain') this.plainAjv = ajv;
    else this.coercingAjv = ajv;
    return ajv;
  }
}

interface View {
  document: Record<string, unknown>;
  /** Whether some schema has an `$id`, which changes what its references resolve against. */
  hasIds: boolean;
}

function createAjv(coerceTypes: false | 'array'): Ajv2020 {
  const ajv = new Ajv2020({
    // Specs are user input: unknown keywords (x-*, discriminator, xml) must not abort the check.
    strict: false,
    allErrors: true,
    coerceTypes,
    logger: false,
    validateSchema: false,
    // Each validator runs a handful of times per check, so compiling is what costs: skipping
    // the optimising pass over the generated code makes it about a third cheaper.
    code: { optimize: false },
  });
  addFormats(ajv);
  for (const format of OPENAPI_FORMATS) {
    if (ajv.formats[format] === undefined) ajv.addFormat(format, true);
  }
  return ajv;
}

// The document adapted for one direction. Unchanged parts are shared with the spec, changed
// nodes are copied along with their ancestors, and the spec itself is never changed.
function buildView(spec: SpecModel, direction: Direction): View {
  const hidden = direction === 'request' ? 'readOnly' : 'writeOnly';
  let hasIds = false;
  const adapt = (node: Record<string, unknown>): Record<string, unknown> | undefined => {
    if (typeof node['$id'] === 'string') hasIds = true;
    let copy: Record<string, unknown> | undefined;
    if (
      typeof node['nullable'] === 'boolean' ||
      (spec.version === '3.0' && hasBooleanBound(node))
    ) {
      copy = { ...node };
      adaptNullable(copy, spec.version);
      if (spec.version === '3.0') adaptExclusiveBounds(copy);
    }
    // Names hidden in this direction, from this schema's properties and its allOf branches.
    const hiddenNames = hiddenPropertyNames(spec.document, node, hidden);
    if (hiddenNames.size === 0) return copy;
    const required = node['required'];
    if (Array.isArray(required) && required.some(name => hiddenNames.has(String(name)))) {
      copy ??= { ...node };
      copy['required'] = required.filter(name => !hiddenNames.has(String(name)));
    }
    // An inline allOf branch may require what a sibling branch declares (a common pattern).
    const allOf = node['allOf'];
    if (Array.isArray(allOf)) {
      const branches = allOf.map(branch => withoutRequired(branch, hiddenNames));
      if (branches.some((branch, index) => branch !== allOf[index])) {
        copy ??= { ...node };
        copy['allOf'] = branches;
      }
    }
    return copy;
  };
  const document = rewrite(spec.document, adapt) as Record<string, unknown>;
  return { document, hasIds };
}

// Applies `adapt` to every schema-like object outside data keywords; returns `node` itself when
// nothing below it changed. Keys are defined, not assigned, so "__proto__" stays data.
function rewrite(
  node: unknown,
  adapt: (node: Record<string, unknown>) => Record<string, unknown> | undefined,
  parentKey?: string,
): unknown {
  if (Array.isArray(node)) {
    let copy: unknown[] | undefined;
    node.forEach((child, index) => {
      const next = rewrite(child, adapt);
      if (next !== child) (copy ??= [...node])[index] = next;
    });
    return copy ?? node;
  }
  if (!isObject(node)) return node;

  let copy = adapt(node);
  for (const [key, child] of Object.entries(node)) {
    if (holdsData(key, parentKey)) continue;
    // adapt() may already have rewritten this child (allOf); carry on from its version.
    const current = copy?.[key] ?? child;
    const next = rewrite(current, adapt, key);
    if (next === current) continue;
    copy ??= { ...node };
    Object.defineProperty(copy, key, {
      value: next,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy ?? node;
}

// Property names marked readOnly (or writeOnly) on the property itself or on what it refers to,
// in this schema and, through allOf, in the schemas it is composed of.
function hiddenPropertyNames(
  document: Record<string, unknown>,
  schema: Record<string, unknown>,
  hidden: 'readOnly' | 'writeOnly',
  seen = new Set<unknown>(),
): Set<string> {
  const names = new Set<string>();
  if (seen.has(schema)) return names;
  seen.add(schema);
  const properties = schema['properties'];
  if (isObject(properties)) {
    for (const [name, property] of Object.entries(properties)) {
      const target = deref(document, property).value;
      const marked = (value: unknown): boolean => isObject(value) && value[hidden] === true;
      if (marked(property) || marked(target)) names.add(name);
    }
  }
  const allOf = schema['allOf'];
  if (Array.isArray(allOf)) {
    for (const branch of allOf) {
      const target = deref(document, branch).value;
      if (isObject(target)) {
        for (const name of hiddenPropertyNames(document, target, hidden, seen)) names.add(name);
      }
    }
  }
  return names;
}

function withoutRequired(branch: unknown, names: Set<string>): unknown {
  if (!isObject(branch) || !Array.isArray(branch['required'])) return branch;
  const required = branch['required'];
  if (!required.some(name => names.has(String(name)))) return branch;
  return { ...branch, required: required.filter(name => !names.has(String(name))) };
}

function hasBooleanBound(node: Record<string, unknown>): boolean {
  return (
    typeof node['exclusiveMinimum'] === 'boolean' || typeof node['exclusiveMaximum'] === 'boolean'
  );
}

// A schema that is only a local $ref validates exactly as its target does.
function followPlainRefs(document: Record<string, unknown>, pointer: string): string {
  let current = pointer;
  const seen = new Set<string>();
  for (;;) {
    const node = getAtPointer(document, current);
    if (
      !isObject(node) ||
      Object.keys(node).length !== 1 ||
      typeof node['$ref'] !== 'string' ||
      !node['$ref'].startsWith('#')
    )
      return current;
    let next: string;
    try {
      next = decodeURIComponent(node['$ref'].slice(1));
    } catch {
      return current;
    }
    if (seen.has(next) || getAtPointer(document, next) === undefined) return current;
    seen.add(current);
    current = next;
  }
}

// In 3.1 "nullable" is not a keyword at all; in 3.0 it adds null to the type.
function adaptNullable(node: Record<string, unknown>, version: SpecModel['version']): void {
  if (typeof node['nullable'] !== 'boolean') return;
  const nullable = node['nullable'];
  delete node['nullable'];
  if (version !== '3.0' || !nullable) return;
  if (typeof node['type'] === 'string') node['type'] = [node['type'], 'null'];
  if (Array.isArray(node['enum']) && !node['enum'].includes(null))
    node['enum'] = [...node['enum'], null];
}

function adaptExclusiveBounds(node: Record<string, unknown>): void {
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof node[flag] !== 'boolean') continue;
    if (node[flag] === true && typeof node[bound] === 'number') {
      node[flag] = node[bound];
      delete node[bound];
    } else {
      delete node[flag];
    }
  }
}

function encodePointer(pointer: string): string {
  return pointer.split('/').map(encodeUriSegment).join('/');
}

/** Turns AJV's errors into readable problems, keeping the deepest error of each branch. */
export function fromAjvErrors(errors: ErrorObject[], root: unknown): SchemaProblem[] {
  const composite = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'not', '$ref']);
  const specific = errors.filter(error => !composite.has(error.keyword));
  const chosen = specific.length > 0 ? specific : errors;
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of chosen) {
    const problem = { at: readablePath(error.instancePath), message: describeError(error, root) };
    const key = `${problem.at}|${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

function describeError(error: ErrorObject, root: unknown): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `must not have the property "${String(params['additionalProperty'])}"`;
    case 'required':
      return `must have the property "${String(params['missingProperty'])}"`;
    case 'type': {
      const actual = valueAt(root, error.instancePath);
      return `must be ${String(params['type'])}, got ${JSON.stringify(actual)} (${typeName(actual)})`;
    }
    case 'enum':
      return `must be one of ${(params['allowedValues'] as unknown[]).map(v => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(valueAt(root, error.instancePath))}`;
    case 'format':
      return `must be a valid "${String(params['format'])}", got ${JSON.stringify(valueAt(root, error.instancePath))}`;
    default:
      return error.message ?? `fails "${error.keyword}"`;
  }
}

function valueAt(root: unknown, instancePath: string): unknown {
  let current = root;
  for (const segment of instancePath.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    current = Array.isArray(current)
      ? current[Number(key)]
      : isObject(current)
        ? current[key]
        : undefined;
  }
  return current;
}

function readablePath(instancePath: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce(
    (path, part) =>
      /^\d+$/.test(part) ? `${path}[${part}]` : path === '' ? part : `${path}.${part}`,
    '',
  );
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}
