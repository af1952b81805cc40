// Table runners for the rule tests: one rule, small inline documents, findings matched loosely
// (rule id, pointer, and the key words of the message).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadCollection } from '../../contracts/lib/collection';
import { runCheck } from '../../contracts/lib/engine';
import { loadSpec } from '../../contracts/lib/openapi';
import { Router } from '../../contracts/lib/router';
import { SchemaValidator } from '../../contracts/lib/schema';
import type {
  Exchange,
  LiveResponse,
  PlannedRequest,
  Rule,
  RuleContext,
} from '../../contracts/lib/types';
import { resolveRequestUrl } from '../../contracts/lib/url';
import { collectionDocument, specDocument } from './documents';

export interface ExpectedFinding {
  pointer: string;
  /** A substring of the message, or a pattern for several key words in order. */
  message?: string | RegExp;
  line?: number;
  document?: 'spec' | 'collection';
}

export interface RuleCase {
  /** "reports a finding when …" or "accepts …" */
  name: string;
  /** A document object, or the exact file text. Defaults to `specDocument()`. */
  spec?: unknown;
  /** A document object, or the exact file text. Defaults to `collectionDocument()`. */
  collection?: unknown;
  findings: ExpectedFinding[];
  /** The expected exit code; by default 0 without findings and 1 with them. */
  exit?: 0 | 1 | 2;
}

export interface ExchangeCase {
  name: string;
  spec?: unknown;
  collection?: unknown;
  /** The name of the collection request that was replayed. */
  request: string;
  response: { status: number; headers?: Record<string, string>; body?: unknown; bodyText?: string };
  findings: ExpectedFinding[];
}

/** Runs `rule` alone through the engine, static only, on each case's documents. */
export function testRule(rule: Rule, cases: RuleCase[]): void {
  const folder = useTempFolder();
  test.each(cases.map(entry => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const { specPath, collectionPath } = writeDocuments(folder(), entry);
    const result = await runCheck({ specPath, collectionPath, static: true, rules: [rule] });

    expectFindings(result.findings, rule.id, entry.findings);
    expect(result.exitCode).toBe(entry.exit ?? (entry.findings.length === 0 ? 0 : 1));
  });
}

/** Runs `rule.checkExchange` on a hand-made answer of the mock, with no Prism involved. */
export function testExchange(rule: Rule, cases: ExchangeCase[]): void {
  const folder = useTempFolder();
  test.each(cases.map(entry => [entry.name, entry] as const))('%s', (_name, entry) => {
    const { specPath, collectionPath } = writeDocuments(folder(), entry);
    const context = buildContext(specPath, collectionPath);
    const exchange = buildExchange(context, entry.request, entry.response);
    const findings = (rule.checkExchange?.(context, exchange) ?? []).map(finding => ({
      rule: rule.id,
      document: finding.document,
      pointer: finding.pointer,
      message: finding.message,
    }));

    expectFindings(findings, rule.id, entry.findings);
  });
}

/** The context the engine gives rules, built the same way from two files. */
export function buildContext(specPath: string, collectionPath: string): RuleContext {
  const spec = loadSpec(specPath);
  const collection = loadCollection(collectionPath);
  const router = new Router(spec);
  const plan = collection.requests.map((request): PlannedRequest => {
    const resolution = resolveRequestUrl(request);
    const route =
      resolution.url === undefined
        ? ({ kind: 'no-path' } as const)
        : router.match(request.method, resolution.url.pathname);
    return { request, url: resolution.url, unsendable: resolution.unsendable, route };
  });
  return { spec, collection, plan, schemas: new SchemaValidator(spec) };
}

export function buildExchange(
  context: RuleContext,
  requestName: string,
  answer: ExchangeCase['response'],
): Exchange {
  const planned = context.plan.find(entry => entry.request.name === requestName);
  if (planned === undefined)
    throw new Error(`No request named "${requestName}" in the collection.`);
  if (planned.route.kind !== 'operation')
    throw new Error(`Request "${requestName}" routes to no operation.`);
  const bodyText =
    answer.bodyText ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
  const headers = { 'content-type': 'application/json', ...answer.headers };
  const response: LiveResponse = { status: answer.status, headers, bodyText };
  return { planned, operation: planned.route.operation, response };
}

function expectFindings(
  actual: ReadonlyArray<{ rule: string }>,
  ruleId: string,
  expected: ExpectedFinding[],
): void {
  const matchers = expected.map(finding => {
    const shape: Record<string, unknown> = { rule: ruleId, pointer: finding.pointer };
    if (finding.message !== undefined) {
      shape['message'] =
        typeof finding.message === 'string'
          ? expect.stringContaining(finding.message)
          : expect.stringMatching(finding.message);
    }
    if (finding.line !== undefined) shape['line'] = finding.line;
    if (finding.document !== undefined) shape['document'] = finding.document;
    return expect.objectContaining(shape);
  });
  expect(actual).toEqual(expect.arrayContaining(matchers));
  expect(actual).toHaveLength(matchers.length);
}

function writeDocuments(
  folder: string,
  entry: { spec?: unknown; collection?: unknown },
): { specPath: string; collectionPath: string } {
  const specPath = join(folder, 'spec.json');
  const collectionPath = join(folder, 'collection.json');
  writeFileSync(specPath, toText(entry.spec ?? specDocument()));
  writeFileSync(collectionPath, toText(entry.collection ?? collectionDocument()));
  return { specPath, collectionPath };
}

function toText(document: unknown): string {
  return typeof document === 'string' ? document : `${JSON.stringify(document, null, 2)}\n`;
}

// One temporary folder per test, removed after the file's tests.
function useTempFolder(): () => string {
  const created: string[] = [];
  afterAll(() => created.forEach(folder => rmSync(folder, { recursive: true, force: true })));
  return () => {
    const folder = mkdtempSync(join(tmpdir(), 'contract-rule-'));
    created.push(folder);
    return folder;
  };
}
