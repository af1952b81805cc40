// Follows local $refs in one OpenAPI document, keeping the JSON Pointer of whatever it lands
// on so that every change can be located.
import { appendPointer, getAtPointer, isObject } from '../lib/pointer';

// Deeper chains than this are cycles of plain refs ("A" → "B" → "A") or mistakes.
const MAX_REF_HOPS = 32;

export interface LocatedNode {
  value: Record<string, unknown>;
  pointer: string;
}

export class SpecDocument {
  constructor(readonly root: unknown) {}

  /** The object at a pointer, following $refs; undefined for anything that is not an object. */
  resolve(value: unknown, pointer: string): LocatedNode | undefined {
    let current = value;
    let at = pointer;
    let siblings: Record<string, unknown> = {};
    for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
      if (!isObject(current)) return undefined;
      const ref = current['$ref'];
      if (typeof ref !== 'string') {
        // OpenAPI 3.1 allows keywords beside $ref; they refine what the ref points at.
        const merged = Object.keys(siblings).length === 0 ? current : { ...current, ...siblings };
        return { value: merged, pointer: at };
      }
      // Only local refs: the engine rejects documents with other refs before a diff runs.
      if (!ref.startsWith('#')) return undefined;
      const { $ref: _ignored, ...rest } = current;
      siblings = { ...rest, ...siblings };
      at = decodeRef(ref);
      current = getAtPointer(this.root, ref);
    }
    return undefined;
  }

  /** Like `resolve`, for a child of an already resolved node. */
  child(parent: LocatedNode, ...segments: string[]): LocatedNode | undefined {
    let value: unknown = parent.value;
    let pointer = parent.pointer;
    for (const segment of segments) {
      if (Array.isArray(value))
        value = /^(0|[1-9]\d*)$/.test(segment) ? value[Number(segment)] : undefined;
      else if (isObject(value) && Object.prototype.hasOwnProperty.call(value, segment))
        value = value[segment];
      else return undefined;
      pointer = appendPointer(pointer, segment);
    }
    return this.resolve(value, pointer);
  }
}

// "#/components/schemas/A%20B" → "/components/schemas/A B"; a malformed escape stays as written.
function decodeRef(ref: string): string {
  try {
    return decodeURIComponent(ref.slice(1));
  } catch {
    return ref.slice(1);
  }
}
