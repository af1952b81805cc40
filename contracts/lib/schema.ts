import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import { deref } from './openapi';
import { isObject } from './pointer';
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
// Keywords whose values are data, not schemas; transformations must not walk into them.
const DATA_KEYWORDS = new Set(['example', 'examples', 'default', 'const', 'enum']);

/**
 * Validates values against schemas of one OpenAPI document with AJV in 2020-12 mode.
 * The document is loaded whole, so `$ref` cycles and `$ref` siblings behave as JSON Schema says,
 * and each schema is compiled once, on first use.
 */
export class SchemaValidator {
  private readonly ajv: Ajv2020;
  private readonly coercing: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(spec: SpecModel) {
    this.ajv = createAjv(false);
    this.coercing = createAjv('array');
    for (const direction of ['request', 'response'] as const) {
      const view = buildView(spec, direction);
      this.ajv.addSchema(view, direction);
      this.coercing.addSchema(view, direction);
    }
  }

  validate(direction: Direction, schemaPointer: string, value: unknown): SchemaProblem[] {
    const validate = this.compile(this.ajv, direction, schemaPointer, false);
    return validate(value) ? [] : fromAjvErrors(validate.errors ?? [], value);
  }

  /** Validates a path or query parameter's text, coerced to the schema's type as servers do. */
  validateParameter(schemaPointer: string, text: string | string[]): SchemaProblem[] {
    const validate = this.compile(this.coercing, 'request', schemaPointer, true);
    const holder = { value: text };
    return validate(holder) ? [] : fromAjvErrors(validate.errors ?? [], holder).map(problem => ({
      at: problem.at.replace(/^value\.?/, ''),
      message: problem.message,
    }));
  }

  private compile(ajv: Ajv2020, direction: Direction, schemaPointer: string, wrapped: boolean): ValidateFunction {
    const key = `${ajv === this.ajv ? 'plain' : 'coercing'}:${direction}#${schemaPointer}`;
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      const ref = { $ref: `${direction}#${encodePointer(schemaPointer)}` };
      validate = ajv.compile(wrapped ? { type: 'object', properties: { value: ref } } : ref);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

function createAjv(coerceTypes: false | 'array'): Ajv2020 {
  const ajv = new Ajv2020({
    // Specs are user input: unknown keywords (x-*, discriminator, xml) must not abort the check.
    strict: false,
    allErrors: true,
    coerceTypes,
    logger: false,
    validateSchema: false,
  });
  addFormats(ajv);
  for (const format of OPENAPI_FORMATS) {
    if (ajv.formats[format] === undefined) ajv.addFormat(format, true);
  }
  return ajv;
}

// A copy of the document adapted for one direction; the spec itself is never changed.
function buildView(spec: SpecModel, direction: Direction): Record<string, unknown> {
  const view = structuredClone(spec.document);
  const hidden = direction === 'request' ? 'readOnly' : 'writeOnly';
  const pending: unknown[] = [view];
  const seen = new Set<unknown>();
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...node);
      continue;
    }
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);

    adaptNullable(node, spec.version);
    if (spec.version === '3.0') adaptExclusiveBounds(node);
    if (Array.isArray(node['required']) && isObject(node['properties'])) {
      const properties = node['properties'];
      node['required'] = node['required'].filter(name => {
        const property = deref(view, properties[String(name)]).value;
        return !(isObject(property) && property[hidden] === true);
      });
    }
    for (const [key, child] of Object.entries(node)) {
      if (!DATA_KEYWORDS.has(key)) pending.push(child);
    }
  }
  return view;
}

// In 3.1 "nullable" is not a keyword at all; in 3.0 it adds null to the type.
function adaptNullable(node: Record<string, unknown>, version: SpecModel['version']): void {
  if (typeof node['nullable'] !== 'boolean') return;
  const nullable = node['nullable'];
  delete node['nullable'];
  if (version !== '3.0' || !nullable) return;
  if (typeof node['type'] === 'string') node['type'] = [node['type'], 'null'];
  if (Array.isArray(node['enum']) && !node['enum'].includes(null)) node['enum'] = [...node['enum'], null];
}

function adaptExclusiveBounds(node: Record<string, unknown>): void {
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
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
  return pointer
    .split('/')
    .map(segment => encodeURIComponent(segment))
    .join('/');
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
    current = Array.isArray(current) ? current[Number(key)] : isObject(current) ? current[key] : undefined;
  }
  return current;
}

function readablePath(instancePath: string): string {
  const parts = instancePath.split('/').slice(1).map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path === '' ? part : `${path}.${part}`), '');
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}
