// What a frontend developer relies on when pointing the app at the mock: every operation answers
// in both slash spellings with its declared status and the {data, meta} envelope, the request's
// example fields are all there with the same JSON types, and named examples select states.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import execa from 'execa';

import { isObject } from '../../contracts/lib/pointer';
import { loadSpec } from '../../contracts/lib/openapi';
import { startPrism, stopAllPrism } from '../../contracts/lib/prism';
import type { PrismServer } from '../../contracts/lib/prism';
import type { Operation } from '../../contracts/lib/types';
import { COLLECTION_PATH, ROOT, SPEC_PATH } from '../support/repository';

const spec = loadSpec(SPEC_PATH);
const requested = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'requested-operations.json'), 'utf8'),
) as {
  operations: Record<string, { status: number; requestBody: unknown; response: unknown }>;
};
const INTEGER_ID_GROUPS = new Set(['Projects', 'Datasets', 'Crawl Jobs', 'Notifications']);
const JOB_STATES = ['pending', 'running', 'completed', 'failed', 'cancelled'];

let prism: PrismServer;

beforeAll(async () => {
  prism = await startPrism({ specPath: SPEC_PATH });
}, 30_000);

afterAll(() => stopAllPrism());

// Both spellings: the canonical key and its $ref-only alias, as the router knows them.
const spellings = spec.templates.map(template => ({
  template,
  operations: spec.operations.filter(operation => operation.path === template.canonical),
}));
const calls = spellings.flatMap(({ template, operations }) =>
  operations.map(
    operation =>
      [`${operation.method.toUpperCase()} ${template.key}`, template.key, operation] as const,
  ),
);

describe('every operation in both slash spellings', () => {
  test('covers all 46 operations twice', () => {
    expect(spec.operations).toHaveLength(46);
    expect(calls).toHaveLength(92);
  });

  test.each(calls)(
    '%s answers with its declared status and the envelope',
    async (_title, pathKey, operation) => {
      const { status, body } = await call(operation, pathKey);
      expect(status).toBe(Number(operation.responses[0]?.status));
      expect(isObject(body)).toBe(true);
      const envelope = body as Record<string, unknown>;
      expect(Object.keys(envelope).filter(key => key !== 'data' && key !== 'meta')).toEqual([]);
      expect('data' in envelope).toBe(true);

      if (Array.isArray(envelope['data'])) {
        const meta = envelope['meta'] as Record<string, unknown>;
        for (const key of ['total', 'page', 'limit'])
          expect(Number.isInteger(meta[key])).toBe(true);
      }
      if (operation.tag !== undefined && INTEGER_ID_GROUPS.has(operation.tag)) {
        for (const item of [envelope['data']].flat()) {
          if (isObject(item) && 'id' in item) expect(Number.isInteger(item['id'])).toBe(true);
        }
      }
    },
  );
});

describe("the request's 27 new operations", () => {
  test.each(Object.entries(requested.operations))(
    '%s serves every field the request shows, with the same JSON type',
    async (key, wanted) => {
      const [method, requestPath] = key.split(' ') as [string, string];
      const operation = spec.operations.find(
        op => op.method === method.toLowerCase() && op.path === `/api/v1${requestPath}`,
      );
      if (operation === undefined)
        throw new Error(`The spec has no operation "${method} /api/v1${requestPath}".`);
      const { status, body } = await call(operation, operation.path);
      expect(status).toBe(wanted.status);
      expect(missingOrRetyped(wanted.response, body)).toEqual([]);
    },
  );
});

describe('named examples select a state', () => {
  test.each(JOB_STATES)(
    'GET /api/v1/jobs/1 with "Prefer: example=%s" returns a job in that state',
    async state => {
      const response = await fetch(`${prism.url}/api/v1/jobs/1`, {
        headers: { Prefer: `example=${state}` },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: { status: string } };
      expect(body.data.status).toBe(state);
    },
  );
});

describe("the request's own curl lines", () => {
  test.each(['/api/v1/jobs/', '/api/v1/credits/balance', '/api/v1/health/'])(
    'GET %s answers 200',
    async path => {
      expect((await fetch(`${prism.url}${path}`)).status).toBe(200);
    },
  );

  test('GET /api/v1/validation/job/1/ gets 405, because that route is POST only', async () => {
    expect((await fetch(`${prism.url}/api/v1/validation/job/1/`)).status).toBe(405);
  });
});

test('Newman runs the whole collection against the mock with no failure', async () => {
  const newman = join(ROOT, 'node_modules', 'newman', 'bin', 'newman.js');
  const report = join(mkdtempSync(join(tmpdir(), 'newman-')), 'report.json');
  const args = [
    'run',
    COLLECTION_PATH,
    '--env-var',
    `baseUrl=${prism.url}/api/v1`,
    '--reporters',
    'json',
    '--reporter-json-export',
    report,
  ];
  const run = await execa.node(newman, args, { reject: false });
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);

  const stats = (
    JSON.parse(readFileSync(report, 'utf8')) as {
      run: { stats: Record<string, { total: number; failed: number }> };
    }
  ).run.stats;
  expect(stats['requests']).toEqual({ total: 46, pending: 0, failed: 0 });
}, 60_000);

async function call(
  operation: Operation,
  pathKey: string,
): Promise<{ status: number; body: unknown }> {
  const path = pathKey.replace(/\{[^}]+\}/g, '1');
  const query = operation.parameters
    .filter(parameter => parameter.in === 'query' && parameter.required)
    .map(parameter => `${parameter.name}=example.zip`)
    .join('&');
  const example = operation.requestBody?.content[0]?.examples[0]?.value;
  const response = await fetch(`${prism.url}${path}${query === '' ? '' : `?${query}`}`, {
    method: operation.method.toUpperCase(),
    headers: example === undefined ? {} : { 'Content-Type': 'application/json' },
    body: example === undefined ? undefined : JSON.stringify(example),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

// Paths (like "data.items[0].id") that the request's example has but the mock's answer lacks,
// or holds with another JSON type. Arrays are compared through their first element.
function missingOrRetyped(wanted: unknown, actual: unknown, path = ''): string[] {
  if (wanted === null) return [];
  if (typeOf(wanted) !== typeOf(actual))
    return [`${path || '(root)'}: expected ${typeOf(wanted)}, got ${typeOf(actual)}`];
  if (Array.isArray(wanted) && Array.isArray(actual)) {
    return wanted.length === 0 || actual.length === 0
      ? []
      : missingOrRetyped(wanted[0], actual[0], `${path}[0]`);
  }
  if (isObject(wanted) && isObject(actual)) {
    return Object.entries(wanted).flatMap(([key, value]) =>
      key in actual
        ? missingOrRetyped(value, actual[key], path === '' ? key : `${path}.${key}`)
        : [`${path === '' ? key : `${path}.${key}`}: missing`],
    );
  }
  return [];
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
