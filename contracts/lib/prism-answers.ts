import { parseJson } from './bodies';
import { isObject } from './pointer';
import type { LiveResponse } from './types';

export interface PrismViolation {
  location: string[];
  message: string;
}

const TRUNCATION_PREFIX = 'Too many violations! ';

/**
 * Request violations Prism reported for an answer: from its problem+json body, or from the
 * `sl-violations` header (which Prism truncates past ~8 KB behind a "Too many violations!" prefix).
 */
export function prismRequestViolations(response: LiveResponse): PrismViolation[] {
  const found: PrismViolation[] = [];
  const header = response.headers['sl-violations'];
  if (header !== undefined) {
    const text = header.startsWith(TRUNCATION_PREFIX)
      ? header.slice(TRUNCATION_PREFIX.length)
      : header;
    const parsed = parseJson(text);
    if (parsed.ok && Array.isArray(parsed.value)) {
      found.push(
        ...parsed.value
          .flatMap(toViolation)
          .filter(violation => violation.location[0] === 'request'),
      );
    }
  }
  // Prism's own problem answer only ever describes the request (its location starts at "body", "query"...).
  if ((response.headers['content-type'] ?? '').includes('problem+json')) {
    const body = parseJson(response.bodyText);
    const validation = body.ok && isObject(body.value) ? body.value['validation'] : undefined;
    if (Array.isArray(validation)) found.push(...validation.flatMap(toViolation));
  }
  return found;
}

function toViolation(raw: unknown): PrismViolation[] {
  if (!isObject(raw) || typeof raw['message'] !== 'string') return [];
  const location = Array.isArray(raw['location']) ? raw['location'].map(String) : [];
  return [{ location, message: raw['message'] }];
}
