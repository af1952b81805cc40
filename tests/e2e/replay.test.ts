// The pull-request gate: every request of the repository's collection, replayed against a Prism
// serving the repository's spec, must come back with the declared status and a body that AJV
// and the house rules accept. One test per request, so a failure names the request and why.
import { rules } from '../../contracts';
import { expectedStatus } from '../../contracts/lib/bodies';
import { loadCollection } from '../../contracts/lib/collection';
import { runCheck } from '../../contracts/lib/engine';
import type { CheckResult } from '../../contracts/lib/engine';
import { loadSpec } from '../../contracts/lib/openapi';
import { stopAllPrism } from '../../contracts/lib/prism';
import { Router } from '../../contracts/lib/router';
import { resolveRequestUrl } from '../../contracts/lib/url';
import type { Finding } from '../../contracts/lib/types';
import { COLLECTION_PATH, SPEC_PATH } from '../support/repository';

// Read at load time, because Jest needs the test titles before any hook runs.
const collection = loadCollection(COLLECTION_PATH);
const spec = loadSpec(SPEC_PATH);
const router = new Router(spec);

let result: CheckResult;

beforeAll(async () => {
  result = await runCheck({ specPath: SPEC_PATH, collectionPath: COLLECTION_PATH });
}, 60_000);

afterAll(() => stopAllPrism());

describe('each collection request, replayed against the mock', () => {
  test.each(collection.requests.map((request, index) => [request.label, index] as const))(
    '%s',
    (_label, index) => {
      const outcome = result.requests[index];
      const request = collection.requests[index];
      if (outcome === undefined || request === undefined)
        throw new Error(`No outcome for request ${index}.`);

      expect(outcome.failure).toBeUndefined();
      expect(describeFindings(outcome.findings)).toEqual([]);
      expect(outcome.replayed).toBe(true);

      const url = resolveRequestUrl(request).url;
      const route = url === undefined ? undefined : router.match(request.method, url.pathname);
      if (route?.kind !== 'operation')
        throw new Error(`"${request.label}" does not route to an operation.`);
      expect(outcome.status).toBe(expectedStatus(route.operation, request));
    },
  );
});

describe('each static rule, on the findings that belong to no single request', () => {
  test.each(rules.map(rule => [rule.id, rule.description] as const))('%s: %s', id => {
    const findings = result.findings.filter(
      finding => finding.rule === id && finding.request === undefined,
    );
    expect(describeFindings(findings)).toEqual([]);
  });

  test('the check itself ran to the end', () => {
    expect(result.toolError?.message).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(result.summary.replayed).toBe(collection.requests.length);
  });
});

// Each finding as one readable line, so a failing test prints exactly what to fix and where.
function describeFindings(findings: Finding[]): string[] {
  return findings.map(
    finding =>
      `${finding.file}:${finding.line}:${finding.column} [${finding.rule}] ${finding.message}`,
  );
}
