import type {
  CollectionRequest,
  Exchange,
  KeyValue,
  Operation,
  PlannedRequest,
  RuleContext,
  RuleFinding,
} from './types';

/** A JSON body some rule looks at: a spec example, a saved Postman response, or a live answer. */
export interface BodyUnderCheck {
  value: unknown;
  /** How a message names the body, e.g. `example "default" of "GET /api/v1/jobs/"`. */
  description: string;
  at: Pick<RuleFinding, 'document' | 'pointer' | 'request' | 'operation'>;
}

export function mediaTypeOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const bare = contentType.split(';')[0]?.trim().toLowerCase();
  return bare === '' ? undefined : bare;
}

export function isJsonMediaType(mediaType: string | undefined): boolean {
  return (
    mediaType !== undefined && (mediaType === 'application/json' || mediaType.endsWith('+json'))
  );
}

export function findHeader(headers: KeyValue[], name: string): KeyValue | undefined {
  const wanted = name.toLowerCase();
  return headers.find(header => header.key.toLowerCase() === wanted);
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch {
    return { ok: false };
  }
}

/** The operation a collection request exercises, when it routes to one. */
export function operationOf(planned: PlannedRequest): Operation | undefined {
  return planned.route.kind === 'operation' ? planned.route.operation : undefined;
}

const documentedBodiesByContext = new WeakMap<RuleContext, BodyUnderCheck[]>();

/**
 * Every JSON success body written down in the documents: 2xx examples and saved responses.
 * Examples of other statuses are already reported by success-only.
 */
export function documentedResponseBodies(context: RuleContext): BodyUnderCheck[] {
  // Three rules read these; parse the saved bodies once per run.
  const known = documentedBodiesByContext.get(context);
  if (known !== undefined) return known;
  const bodies: BodyUnderCheck[] = [];
  documentedBodiesByContext.set(context, bodies);
  for (const operation of context.spec.operations) {
    for (const response of operation.responses) {
      if (!/^2\d\d$/.test(response.status)) continue;
      for (const media of response.content) {
        if (!isJsonMediaType(mediaTypeOf(media.mediaType))) continue;
        for (const example of media.examples) {
          bodies.push({
            value: example.value,
            description: `example "${example.name}" of "${operation.label}" ${response.status}`,
            at: { document: 'spec', pointer: example.pointer, operation },
          });
        }
      }
    }
  }
  for (const planned of context.plan) {
    bodies.push(...savedResponseBodies(planned.request, operationOf(planned)));
  }
  return bodies;
}

function savedResponseBodies(
  request: CollectionRequest,
  operation: Operation | undefined,
): BodyUnderCheck[] {
  return request.responses.flatMap(saved => {
    if (saved.body === undefined || saved.body.trim() === '') return [];
    const parsed = parseJson(saved.body);
    if (!parsed.ok) return [];
    return [
      {
        value: parsed.value,
        description: `saved response "${saved.name}" of "${request.label}"`,
        at: {
          document: 'collection' as const,
          pointer: `${saved.pointer}/body`,
          request,
          operation,
        },
      },
    ];
  });
}

/** Whether the mock answered with a status the operation declares (else it is Prism's own error). */
export function isDeclaredAnswer(exchange: Exchange): boolean {
  return exchange.operation.responses.some(
    response => response.status === String(exchange.response.status),
  );
}

/** The live body of one exchange, when it is JSON and of a declared response. */
export function liveBody(exchange: Exchange): BodyUnderCheck | undefined {
  if (!isDeclaredAnswer(exchange)) return undefined;
  const parsed = parseJson(exchange.response.bodyText);
  if (!parsed.ok) return undefined;
  return {
    value: parsed.value,
    description: `the mock's ${exchange.response.status} answer to "${exchange.planned.request.label}"`,
    at: {
      document: 'spec',
      pointer: exchange.operation.pointer,
      request: exchange.planned.request,
      operation: exchange.operation,
    },
  };
}

/** The success status Prism answers with: the one forced by `Prefer: code=`, else the lowest 2xx. */
export function expectedStatus(
  operation: Operation,
  request: CollectionRequest,
): number | undefined {
  const prefer = findHeader(request.headers, 'prefer')?.value ?? '';
  const forced = /(?:^|,)\s*code=(\d{3})/.exec(prefer)?.[1];
  if (forced !== undefined) return Number(forced);
  const success = operation.responses
    .map(response => Number(response.status))
    .filter(status => status >= 200 && status < 300)
    .sort((a, b) => a - b);
  return success[0];
}

export const SUCCESS_STATUSES = new Set(['200', '201']);
