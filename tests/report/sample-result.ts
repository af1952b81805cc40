// A hand-built CheckResult with hostile names, for the formatters' tests.
import type { CheckResult, RequestOutcome } from '../../contracts/lib/engine';
import type { CollectionRequest, Finding } from '../../contracts/lib/types';

export const HOSTILE = 'a&b <c> "d" \'e\' 100% x:y,z\r\nnext\u0000\u0007\uD800';

export function makeRequest(group: string, name: string): CollectionRequest {
  return {
    label: `${group} › ${name}`,
    name,
    group,
    pointer: '/item/0/item/0',
    method: 'GET',
    urlPointer: '/item/0/item/0/request/url',
    pathVariables: new Map(),
    headers: [],
    query: [],
    responses: [],
    variables: new Map(),
  };
}

export function makeFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: 'envelope',
    severity: 'error',
    message: 'Response 200 of "GET /api/v1/items" must hold only "data" and "meta".',
    file: 'spec/openapi.json',
    line: 12,
    column: 7,
    pointer: '/paths/~1api~1v1~1items/get',
    ...overrides,
  };
}

export function makeResult(): CheckResult {
  const listItems = makeRequest('Items', 'List items');
  const hostile = makeRequest(HOSTILE, HOSTILE);
  const requestFinding = makeFinding({
    rule: 'response-schema',
    request: listItems.label,
    file: 'collection/c.json',
    line: 40,
    column: 9,
  });
  const hostileFinding = makeFinding({
    rule: 'url-consistency',
    message: HOSTILE,
    request: hostile.label,
    file: 'collection/c.json',
    line: 3,
    column: 1,
  });
  const staticFinding = makeFinding({ operation: 'GET /api/v1/items' });
  const warning = makeFinding({ rule: 'iso-timestamp', severity: 'warning', line: 20 });
  const requests: RequestOutcome[] = [
    {
      request: listItems,
      operation: 'GET /api/v1/items',
      replayed: true,
      status: 200,
      findings: [requestFinding],
    },
    { request: hostile, replayed: false, findings: [hostileFinding] },
    {
      request: makeRequest('Items', 'Get item'),
      operation: 'GET /api/v1/items/{id}',
      replayed: true,
      status: 200,
      findings: [],
    },
  ];
  const findings = [requestFinding, hostileFinding, staticFinding, warning];
  return {
    exitCode: 1,
    findings,
    requests,
    summary: {
      operations: 2,
      requests: 3,
      replayed: 2,
      findings: findings.length,
      byRule: { 'response-schema': 1, 'url-consistency': 1, envelope: 1, 'iso-timestamp': 1 },
      groups: [
        { name: 'Items', operations: 2, requests: 2, replayed: 2, findings: 3 },
        { name: HOSTILE, operations: 0, requests: 1, replayed: 0, findings: 1 },
      ],
      durationMs: 1234.5,
    },
  };
}
