import { documentedResponseBodies, liveBody } from './lib/bodies';
import type { BodyUnderCheck } from './lib/bodies';
import { holdsData } from './lib/keywords';
import { isObject, toPointer } from './lib/pointer';
import {
  isFullDate,
  isRfc3339DateTime,
  isTimestampName,
  looksLikeTimestamp,
} from './lib/timestamps';
import type { Rule, RuleContext, RuleFinding } from './lib/types';

const rule: Rule = {
  id: 'iso-timestamp',
  description:
    'Timestamps must be RFC 3339 date-times with "T" and an offset, days must be YYYY-MM-DD, and timestamp fields must declare a format.',
  severity: 'error',

  checkStatic(context) {
    return [...checkSchemas(context), ...documentedResponseBodies(context).flatMap(checkValues)];
  },

  checkExchange(_context, exchange) {
    const body = liveBody(exchange);
    return body === undefined ? [] : checkValues(body);
  },
};

function checkValues({ value, description, at }: BodyUnderCheck): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const pending: Array<{ value: unknown; path: string; key: string }> = [
    { value, path: '', key: '' },
  ];
  while (pending.length > 0) {
    const {
      value: current,
      path,
      key,
    } = pending.pop() as { value: unknown; path: string; key: string };
    if (typeof current === 'string') {
      const problem = timestampProblem(key, current);
      if (problem !== undefined) {
        findings.push({
          ...at,
          message: `"${path}" in ${description} ${problem}, got ${JSON.stringify(current)}.`,
        });
      }
    } else if (Array.isArray(current)) {
      current.forEach((item, index) =>
        pending.push({ value: item, path: `${path}[${index}]`, key }),
      );
    } else if (isObject(current)) {
      for (const [childKey, child] of Object.entries(current)) {
        pending.push({
          value: child,
          path: path === '' ? childKey : `${path}.${childKey}`,
          key: childKey,
        });
      }
    }
  }
  return findings.reverse();
}

function timestampProblem(key: string, text: string): string | undefined {
  if (key === 'date') return isFullDate(text) ? undefined : 'must be a day in the form YYYY-MM-DD';
  if (isTimestampName(key) || looksLikeTimestamp(text)) {
    if (isRfc3339DateTime(text) || (!isTimestampName(key) && isFullDate(text))) return undefined;
    return 'must be an RFC 3339 date-time with "T" and an offset such as "Z" (e.g. "2024-12-05T10:00:00Z")';
  }
  return undefined;
}

// Timestamp-named string properties must say "format", so generators and validators know them.
function checkSchemas({ spec }: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const pending: Array<{ node: unknown; segments: Array<string | number> }> = [
    { node: spec.document, segments: [] },
  ];
  while (pending.length > 0) {
    const { node, segments } = pending.pop() as { node: unknown; segments: Array<string | number> };
    if (Array.isArray(node)) {
      node.forEach((child, index) => pending.push({ node: child, segments: [...segments, index] }));
      continue;
    }
    if (!isObject(node)) continue;
    const properties = node['properties'];
    if (isObject(properties)) {
      for (const [name, property] of Object.entries(properties)) {
        if (
          !isTimestampName(name) ||
          !isObject(property) ||
          !allowsString(property) ||
          'format' in property
        )
          continue;
        const expected = name === 'date' ? 'date' : 'date-time';
        findings.push({
          message: `Property "${name}" is a timestamp and must declare "format": "${expected}".`,
          document: 'spec',
          pointer: toPointer([...segments, 'properties', name]),
        });
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (!holdsData(key, segments.at(-1)))
        pending.push({ node: child, segments: [...segments, key] });
    }
  }
  return findings;
}

function allowsString(schema: Record<string, unknown>): boolean {
  const type = schema['type'];
  return type === 'string' || (Array.isArray(type) && type.includes('string'));
}

export default rule;
