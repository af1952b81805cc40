// RFC 6901 JSON Pointers. OpenAPI path keys contain slashes ("/paths/~1users~1{id}/get"),
// so every pointer in a finding is built here and nowhere else.

export type PointerSegment = string | number;

export function toPointer(segments: readonly PointerSegment[]): string {
  return segments.map(segment => '/' + escapeSegment(String(segment))).join('');
}

export function appendPointer(pointer: string, ...segments: PointerSegment[]): string {
  return pointer + toPointer(segments);
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const body = pointer.startsWith('#') ? decodeURIComponent(pointer.slice(1)) : pointer;
  return body
    .slice(1)
    .split('/')
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

// Follows a pointer through plain JSON values; undefined when any step is missing.
export function getAtPointer(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (isObject(current) && Object.prototype.hasOwnProperty.call(current, segment)) {
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

// encodeURIComponent throws on a lone UTF-16 surrogate, which hostile JSON can carry.
export function encodeUriSegment(segment: string): string {
  return encodeURIComponent(
    segment.replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    ),
  );
}
