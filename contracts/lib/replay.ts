import { findHeader } from './bodies';
import type { PrismServer } from './prism';
import { resolveVariables } from './url';
import type { Exchange, LiveResponse, PlannedRequest } from './types';

// Headers the HTTP client owns; copying them from a collection would corrupt the request.
const CLIENT_OWNED_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding']);
export const DEFAULT_CONCURRENCY = 8;
export const REQUEST_TIMEOUT_MS = 10_000;

export type ReplayOutcome = { exchange: Exchange } | { failure: string };

/** Sends one planned request to the Prism this run started, and nowhere else. */
export async function replayOne(
  prism: PrismServer,
  planned: PlannedRequest,
): Promise<ReplayOutcome> {
  if (
    planned.route.kind !== 'operation' ||
    planned.url === undefined ||
    planned.unsendable !== undefined
  ) {
    return { failure: 'the request was not sendable' };
  }
  const dead = prism.deadReason();
  if (dead !== undefined) return { failure: dead };

  const { request } = planned;
  const headers = new Headers();
  for (const header of request.headers) {
    if (CLIENT_OWNED_HEADERS.has(header.key.toLowerCase())) continue;
    try {
      headers.append(header.key, resolveText(header.value, planned));
    } catch {
      // A header name or value that HTTP cannot carry is left out rather than aborting the run.
    }
  }
  const body = bodyOf(planned);
  if (
    body !== undefined &&
    findHeader(request.headers, 'content-type') === undefined &&
    request.body?.mode === 'urlencoded'
  ) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
  }

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    // Concatenated, never resolved: a target such as "//elsewhere/x" must stay a path on Prism.
    const target = new URL(prism.url + planned.url.target);
    if (target.origin !== new URL(prism.url).origin)
      return { failure: `the path "${planned.url.target}" would leave the mock` };
    const answer = fetch(target, {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body,
      signal: controller.signal,
      redirect: 'manual',
    }).then(readResponse);
    const outcome = await Promise.race([answer, prism.died.then(reason => ({ died: reason }))]);
    if ('died' in outcome) return { failure: outcome.died };
    return { exchange: { planned, operation: planned.route.operation, response: outcome } };
  } catch (error) {
    const reason = prism.deadReason();
    if (reason !== undefined) return { failure: reason };
    if (controller.signal.aborted)
      return { failure: `the mock did not answer within ${REQUEST_TIMEOUT_MS / 1000} s` };
    return { failure: `the request failed: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the input order in the result. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

async function readResponse(response: Response): Promise<LiveResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  return { status: response.status, headers, bodyText: await response.text() };
}

function bodyOf(planned: PlannedRequest): string | undefined {
  const body = planned.request.body;
  if (body === undefined) return undefined;
  if (body.mode === 'raw') return resolveText(body.raw, planned);
  if (body.mode === 'urlencoded') {
    return new URLSearchParams(
      body.fields.map((field): [string, string] => [field.key, resolveText(field.value, planned)]),
    ).toString();
  }
  return undefined;
}

function resolveText(text: string, planned: PlannedRequest): string {
  return resolveVariables(text, planned.request.variables);
}
