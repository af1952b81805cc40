import { availableParallelism } from 'node:os';
import { relative } from 'node:path';

import { rules as defaultRules } from '../index';
import { loadCollection } from './collection';
import { isToolError, ToolError } from './errors';
import { loadSpec } from './openapi';
import { startPrism } from './prism';
import type { PrismServer } from './prism';
import { DEFAULT_CONCURRENCY, mapWithConcurrency, replayOne } from './replay';
import type { ReplayOutcome } from './replay';
import { Router } from './router';
import { SchemaValidator } from './schema';
import type {
  CollectionModel,
  CollectionRequest,
  Finding,
  PlannedRequest,
  Rule,
  RuleContext,
  RuleFinding,
  SpecModel,
} from './types';
import { resolveRequestUrl } from './url';

export interface CheckOptions {
  specPath: string;
  collectionPath: string;
  /** Skip Prism and the replay; check the documents only. */
  static?: boolean;
  rules?: readonly Rule[];
  concurrency?: number;
  readyTimeoutMs?: number;
}

export interface RequestOutcome {
  request: CollectionRequest;
  operation?: string;
  replayed: boolean;
  status?: number;
  /** Why the request could not be replayed although it should have been (Prism died, timeout). */
  failure?: string;
  findings: Finding[];
}

export interface GroupSummary {
  name: string;
  operations: number;
  requests: number;
  replayed: number;
  findings: number;
}

export interface CheckSummary {
  operations: number;
  requests: number;
  replayed: number;
  findings: number;
  byRule: Record<string, number>;
  groups: GroupSummary[];
  durationMs: number;
  /** Why the check could not finish when the mock would not start or died (exit code 2). */
  error?: string;
}

export interface CheckResult {
  /** 0 the contract holds, 1 findings, 2 unusable input or a mock that would not run. */
  exitCode: 0 | 1 | 2;
  findings: Finding[];
  requests: RequestOutcome[];
  summary: CheckSummary;
  /** Set when the tool itself failed (exit code 2). */
  toolError?: ToolError;
}

export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const started = performance.now();
  const rules = options.rules ?? defaultRules;

  // 1. Load both documents; anything unreadable ends the run with exit 2.
  let spec: SpecModel;
  let collection: CollectionModel;
  try {
    spec = loadSpec(options.specPath);
    collection = loadCollection(options.collectionPath);
  } catch (error) {
    if (!isToolError(error)) throw error;
    return failedRun(error, started);
  }

  // 2. Plan every request: its URL, whether it may be sent, and the operation it exercises.
  const router = new Router(spec);
  const plan = collection.requests.map(request => planRequest(router, request));
  // Prism takes about a second to load; it starts now and loads while the static rules run.
  const sendable = options.static
    ? []
    : plan.filter(
        p => p.route.kind === 'operation' && p.unsendable === undefined && p.url !== undefined,
      );
  const starting = startReplayPrisms(options, sendable.length);
  starting?.catch(() => undefined);
  const context: RuleContext = { spec, collection, plan, schemas: new SchemaValidator(spec) };
  const locate = createLocator(spec, collection);

  // 3. Static rules.
  const findings: Finding[] = [];
  const byRequest = new Map<CollectionRequest, Finding[]>();
  const record = (rule: Rule, raw: RuleFinding): void => {
    const finding = locate(rule, raw);
    findings.push(finding);
    if (raw.request === undefined) return;
    const list = byRequest.get(raw.request);
    if (list === undefined) byRequest.set(raw.request, [finding]);
    else list.push(finding);
  };
  try {
    for (const rule of rules) {
      for (const raw of rule.checkStatic?.(context) ?? []) record(rule, raw);
    }
  } catch (error) {
    await starting
      ?.then(servers => Promise.all(servers.map(server => server.stop())))
      .catch(() => undefined);
    // A rule that meets unusable input (a schema AJV cannot compile) ends the run with exit 2.
    if (isToolError(error)) return failedRun(error, started);
    throw error;
  }

  // 4. Replay against a Prism of our own, then apply the live rules to each answer.
  const outcomes = new Map<PlannedRequest, Omit<RequestOutcome, 'request' | 'findings'>>();
  let toolError: ToolError | undefined;
  if (!options.static) {
    let prisms: PrismServer[] = [];
    try {
      prisms = (await starting) ?? [];
      const results = await replayAll(prisms, sendable, options.concurrency ?? DEFAULT_CONCURRENCY);
      results.forEach((result, index) => {
        const planned = sendable[index] as PlannedRequest;
        const operation =
          planned.route.kind === 'operation' ? planned.route.operation.label : undefined;
        if ('failure' in result) {
          outcomes.set(planned, { operation, replayed: false, failure: result.failure });
          return;
        }
        outcomes.set(planned, {
          operation,
          replayed: true,
          status: result.exchange.response.status,
        });
        for (const rule of rules) {
          for (const raw of rule.checkExchange?.(context, result.exchange) ?? []) record(rule, raw);
        }
      });
    } catch (error) {
      if (!isToolError(error)) throw error;
      toolError = error;
    } finally {
      await Promise.all(prisms.map(prism => prism.stop()));
    }
    const failure = [...outcomes.values()].find(outcome => outcome.failure !== undefined)?.failure;
    if (toolError === undefined && failure !== undefined) {
      toolError = new ToolError('prism-exited', `The replay could not finish: ${failure}.`);
    }
  }

  // 5. Per-request outcomes and the summary.
  const requests: RequestOutcome[] = plan.map(planned => ({
    request: planned.request,
    operation: planned.route.kind === 'operation' ? planned.route.operation.label : undefined,
    replayed: false,
    ...outcomes.get(planned),
    findings: byRequest.get(planned.request) ?? [],
  }));
  // Unreadable input is a finding (unusable-input); a mock that would not run is only a tool error.
  if (toolError !== undefined && isInputError(toolError)) findings.push(toolFinding(toolError));
  const exitCode =
    toolError !== undefined ? 2 : findings.some(finding => finding.severity === 'error') ? 1 : 0;
  const summary = summarise(spec, collection, requests, findings, started);
  if (toolError !== undefined && !isInputError(toolError)) summary.error = toolError.message;
  return { exitCode, findings, requests, summary, toolError };
}

// Prism answers one request at a time and its per-request cost grows with the spec, so a large
// collection is split across several Prisms, one per core, each in a process of its own.
const REQUESTS_PER_EXTRA_PRISM = 200;
const MAX_PRISMS = 4;

function startReplayPrisms(
  options: CheckOptions,
  requests: number,
): Promise<PrismServer[]> | undefined {
  if (requests === 0) return undefined;
  const cores = availableParallelism();
  const count = Math.max(
    1,
    Math.min(MAX_PRISMS, cores, Math.floor(requests / REQUESTS_PER_EXTRA_PRISM)),
  );
  const start = (ownHost: boolean): Promise<PrismServer> =>
    startPrism({ specPath: options.specPath, readyTimeoutMs: options.readyTimeoutMs, ownHost });
  const starts = Array.from({ length: count }, (_, index) => start(index > 0));
  // If one fails, the others that did start must still be stopped.
  return Promise.allSettled(starts).then(async settled => {
    const started = settled.flatMap(entry => (entry.status === 'fulfilled' ? [entry.value] : []));
    const failed = settled.find(
      (entry): entry is PromiseRejectedResult => entry.status === 'rejected',
    );
    if (failed === undefined) return started;
    await Promise.all(started.map(prism => prism.stop()));
    throw failed.reason;
  });
}

// Deals the requests out to the Prisms in turn; results keep the order of `planned`.
async function replayAll(
  prisms: PrismServer[],
  planned: PlannedRequest[],
  concurrency: number,
): Promise<ReplayOutcome[]> {
  if (prisms.length === 0) return [];
  const results = new Array<ReplayOutcome>(planned.length);
  await Promise.all(
    prisms.map(async (prism, which) => {
      const indexes = planned
        .map((_, index) => index)
        .filter(index => index % prisms.length === which);
      const share = await mapWithConcurrency(indexes, concurrency, index =>
        replayOne(prism, planned[index] as PlannedRequest),
      );
      share.forEach((outcome, position) => (results[indexes[position] as number] = outcome));
    }),
  );
  return results;
}

function planRequest(router: Router, request: CollectionRequest): PlannedRequest {
  const resolution = resolveRequestUrl(request);
  const url = resolution.url;
  const route =
    url === undefined ? ({ kind: 'no-path' } as const) : router.match(request.method, url.pathname);
  return { request, url, unsendable: resolution.unsendable, route };
}

function createLocator(spec: SpecModel, collection: CollectionModel) {
  return (rule: Rule, raw: RuleFinding): Finding => {
    const source = raw.document === 'spec' ? spec.source : collection.source;
    const { line, column } = source.locate(raw.pointer);
    const finding: Finding = {
      rule: rule.id,
      severity: rule.severity,
      message: raw.message,
      file: relativeFile(source.file),
      line,
      column,
      pointer: raw.pointer,
    };
    if (raw.request !== undefined) finding.request = raw.request.label;
    if (raw.operation !== undefined) finding.operation = raw.operation.label;
    return finding;
  };
}

function failedRun(error: ToolError, started: number): CheckResult {
  const summary: CheckSummary = {
    operations: 0,
    requests: 0,
    replayed: 0,
    findings: 1,
    byRule: { 'unusable-input': 1 },
    groups: [],
    durationMs: performance.now() - started,
  };
  return { exitCode: 2, findings: [toolFinding(error)], requests: [], summary, toolError: error };
}

function isInputError(error: ToolError): boolean {
  return error.code === 'input-invalid' || error.code === 'input-unreadable';
}

function toolFinding(error: ToolError): Finding {
  return {
    rule: 'unusable-input',
    severity: 'error',
    message: error.message,
    file: error.file === undefined ? '' : relativeFile(error.file),
    line: error.line ?? 1,
    column: error.column ?? 1,
    pointer: error.pointer ?? '',
  };
}

function summarise(
  spec: SpecModel,
  collection: CollectionModel,
  requests: RequestOutcome[],
  findings: Finding[],
  started: number,
): CheckSummary {
  const byRule: Record<string, number> = {};
  for (const finding of findings) byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;

  const groups = new Map<string, GroupSummary>();
  const group = (name: string): GroupSummary => {
    let entry = groups.get(name);
    if (entry === undefined) {
      entry = { name, operations: 0, requests: 0, replayed: 0, findings: 0 };
      groups.set(name, entry);
    }
    return entry;
  };
  const operationGroup = new Map(
    spec.operations.map(operation => [operation.label, operation.tag ?? '(untagged)']),
  );
  for (const operation of spec.operations) group(operation.tag ?? '(untagged)').operations++;
  for (const outcome of requests) {
    const entry = group(outcome.request.group || '(root)');
    entry.requests++;
    if (outcome.replayed) entry.replayed++;
  }
  const requestGroup = new Map(
    collection.requests.map(request => [request.label, request.group || '(root)']),
  );
  for (const finding of findings) {
    const name =
      (finding.request !== undefined ? requestGroup.get(finding.request) : undefined) ??
      (finding.operation !== undefined ? operationGroup.get(finding.operation) : undefined);
    if (name !== undefined) group(name).findings++;
  }

  return {
    operations: spec.operations.length,
    requests: requests.length,
    replayed: requests.filter(outcome => outcome.replayed).length,
    findings: findings.length,
    byRule,
    groups: [...groups.values()],
    durationMs: performance.now() - started,
  };
}

function relativeFile(file: string): string {
  const path = relative(process.cwd(), file);
  return path.startsWith('..') ? file : path;
}
