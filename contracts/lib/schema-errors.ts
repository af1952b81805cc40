// An AJV compile error names a keyword but not where it is. This finds the schema keyword that
// makes a spec schema invalid JSON Schema, by meta-validating the schema and everything it
// $refs, so that the report can point at the line and column to fix.
import Ajv2020 from 'ajv/dist/2020';

import { ToolError } from './errors';
import { getAtPointer, isObject } from './pointer';
import type { SpecModel } from './types';
import { holdsData } from './keywords';

let metaValidator: Ajv2020 | undefined;

/** The ToolError (exit 2) for a schema that AJV cannot compile, at the keyword that breaks it. */
export function schemaCompileError(
  spec: SpecModel,
  document: Record<string, unknown>,
  schemaPointer: string,
  cause: unknown,
): ToolError {
  const reason = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
  let pointer = schemaPointer;
  try {
    pointer = findInvalidSchema(document, schemaPointer) ?? schemaPointer;
  } catch {
    // The pointer of the schema being compiled is still a good place to look.
  }
  const { line, column } = spec.source.locate(pointer);
  return new ToolError(
    'input-invalid',
    `The OpenAPI document "${spec.source.file}" has a schema at ${pointer || '/'} that is not valid JSON Schema (${reason}); fix that keyword (line ${line}, column ${column}).`,
    { file: spec.source.file, line, column, pointer, cause },
  );
}

function findInvalidSchema(document: Record<string, unknown>, start: string): string | undefined {
  metaValidator ??= new Ajv2020({ strict: false, logger: false });
  const seen = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const pointer = pending.shift() as string;
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    const node = getAtPointer(document, pointer);
    if (typeof node === 'boolean') continue;
    if (!isObject(node)) return pointer;
    if (!metaValidator.validateSchema(node))
      return pointer + (metaValidator.errors?.[0]?.instancePath ?? '');
    pending.push(...localRefs(node));
  }
  return undefined;
}

function localRefs(schema: unknown): string[] {
  const refs: string[] = [];
  const walk = (value: unknown, parentKey?: string): void => {
    if (Array.isArray(value)) value.forEach(item => walk(item));
    if (!isObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (holdsData(key, parentKey)) continue;
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#')) {
        try {
          refs.push(decodeURIComponent(child.slice(1)));
        } catch {
          // Checked when the spec was loaded.
        }
      } else {
        walk(child, key);
      }
    }
  };
  walk(schema);
  return refs;
}
