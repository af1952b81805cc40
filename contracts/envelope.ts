import {
  documentedResponseBodies,
  isDeclaredAnswer,
  isJsonMediaType,
  liveBody,
  mediaTypeOf,
  SUCCESS_STATUSES,
} from './lib/bodies';
import type { BodyUnderCheck } from './lib/bodies';
import { isObject } from './lib/pointer';
import type { Rule, RuleFinding } from './lib/types';

const ALLOWED_KEYS = new Set(['data', 'meta']);

const rule: Rule = {
  id: 'envelope',
  description:
    'Every response body must be a JSON object with "data", optionally "meta", and nothing else.',
  severity: 'error',

  checkStatic(context) {
    const findings: RuleFinding[] = [];
    for (const operation of context.spec.operations) {
      for (const response of operation.responses) {
        const jsonContent = response.content.some(media =>
          isJsonMediaType(mediaTypeOf(media.mediaType)),
        );
        if (SUCCESS_STATUSES.has(response.status) && response.content.length > 0 && !jsonContent) {
          const types = response.content.map(media => `"${media.mediaType}"`).join(', ');
          findings.push({
            message: `Response ${response.status} of "${operation.label}" must be "application/json" with the {data, meta} envelope, but declares only ${types}.`,
            document: 'spec',
            pointer: `${response.pointer}/content`,
            operation,
          });
        }
        if (SUCCESS_STATUSES.has(response.status) && response.content.length === 0) {
          findings.push({
            message: `Response ${response.status} of "${operation.label}" must have JSON content with the {data, meta} envelope, but declares none, so the mock answers with an empty body.`,
            document: 'spec',
            pointer: response.pointer,
            operation,
          });
        }
      }
    }
    for (const body of documentedResponseBodies(context)) findings.push(...checkEnvelope(body));
    return findings;
  },

  checkExchange(_context, exchange) {
    if (!isDeclaredAnswer(exchange)) return [];
    if (exchange.response.bodyText.trim() === '') {
      return [
        {
          message: `The mock's ${exchange.response.status} answer to "${exchange.planned.request.label}" must be a {data, meta} object, but its body is empty.`,
          document: 'spec',
          pointer: exchange.operation.pointer,
          request: exchange.planned.request,
          operation: exchange.operation,
        },
      ];
    }
    const body = liveBody(exchange);
    if (body === undefined) {
      return [
        {
          message: `The mock's ${exchange.response.status} answer to "${exchange.planned.request.label}" must be a JSON {data, meta} object, but is not JSON ("${exchange.response.headers['content-type'] ?? 'no content type'}").`,
          document: 'spec',
          pointer: exchange.operation.pointer,
          request: exchange.planned.request,
          operation: exchange.operation,
        },
      ];
    }
    return checkEnvelope(body);
  },
};

function checkEnvelope(body: BodyUnderCheck): RuleFinding[] {
  const { value, description, at } = body;
  if (!isObject(value)) {
    return [
      {
        ...at,
        message: `The body of ${description} must be an object with "data", but is ${kindOf(value)}.`,
      },
    ];
  }
  const findings: RuleFinding[] = [];
  if (!('data' in value)) {
    findings.push({
      ...at,
      message: `The body of ${description} must have a top-level "data" key.`,
    });
  }
  const extra = Object.keys(value).filter(key => !ALLOWED_KEYS.has(key));
  if (extra.length > 0) {
    const keys = extra.map(key => `"${key}"`).join(', ');
    findings.push({
      ...at,
      message: `The body of ${description} must hold only "data" and "meta" at the top level, but also has ${keys}.`,
    });
  }
  return findings;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

export default rule;
