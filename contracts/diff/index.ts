// Breaking-change detection between two versions of the OpenAPI document.
//
// Why not a library: the npm candidates were checked on 2026-12-04. "openapi-diff" (Atlassian)
// reads Swagger 2.0 and OpenAPI 3.0 only, fetches specs over HTTP (axios) and reports no source
// positions; Optic's diff ships inside its CLI; oasdiff is a Go binary. None reads 3.1 offline
// with line numbers on Node 20, so this compares exactly the list in issue #4.
import type { JsonSource } from '../lib/json-source';
import { readSpec } from '../lib/openapi';
import { compareOperations } from './compare-operations';
import { SpecDocument } from './resolve';
import { isBreakingKind } from './types';
import type { ChangeLocation, RawChange, SpecChange, SpecDiff } from './types';

export type { SpecChange, SpecDiff } from './types';

/**
 * Compares the base document with the new one. Both must be readable OpenAPI 3.x documents;
 * otherwise the engine's ToolError ('input-invalid') is thrown.
 */
export function diffSpecs(base: JsonSource, head: JsonSource): SpecDiff {
  // 1. Both documents must pass the same checks as the contract engine's loader.
  readSpec(base);
  readSpec(head);

  // 2. Walk the operations and collect raw changes.
  const raw: RawChange[] = [];
  compareOperations(new SpecDocument(base.value), new SpecDocument(head.value), change =>
    raw.push(change),
  );

  // 3. One change per place: a shared schema reached from many operations is reported once.
  const merged = new Map<string, { first: RawChange; operations: string[] }>();
  for (const change of raw) {
    const key = `${change.kind}|${change.pointer}|${change.previousPointer ?? ''}`;
    const entry = merged.get(key);
    if (entry === undefined) merged.set(key, { first: change, operations: [change.operation] });
    else if (!entry.operations.includes(change.operation)) entry.operations.push(change.operation);
  }

  const changes = [...merged.values()].map(({ first, operations }) =>
    toChange(first, operations, base, head),
  );
  changes.sort(
    (a, b) =>
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      a.kind.localeCompare(b.kind),
  );
  return {
    breaking: changes.filter(change => change.breaking),
    notes: changes.filter(change => !change.breaking),
  };
}

function toChange(
  change: RawChange,
  operations: string[],
  base: JsonSource,
  head: JsonSource,
): SpecChange {
  const result: SpecChange = {
    kind: change.kind,
    breaking: isBreakingKind(change.kind),
    message: buildMessage(change, operations),
    location: locate(head, change.pointer),
    operations,
  };
  if (change.previousPointer !== undefined) result.previous = locate(base, change.previousPointer);
  return result;
}

function locate(source: JsonSource, pointer: string): ChangeLocation {
  const { line, column } = source.locate(pointer);
  return { file: source.file, line, column, pointer };
}

function buildMessage(change: RawChange, operations: string[]): string {
  const others = operations.length - 1;
  const more = others === 0 ? '' : ` and ${others} other operation${others === 1 ? '' : 's'}`;
  const detail = change.detail.charAt(0).toUpperCase() + change.detail.slice(1);
  if (change.kind === 'operation-removed' || change.kind === 'operation-added') {
    const spellings =
      others === 0
        ? ''
        : `, together with ${operations
            .slice(1)
            .map(label => `"${label}"`)
            .join(', ')}`;
    return `${detail}${spellings}.`;
  }
  return `${detail}, in the ${change.part} of "${change.operation}"${more}.`;
}
