import { findHeader, isJsonMediaType, mediaTypeOf, operationOf, parseJson } from './lib/bodies';
import { prismRequestViolations } from './lib/prism-answers';
import type { SchemaProblem } from './lib/schema';
import type { PlannedRequest, Rule, RuleContext, RuleFinding } from './lib/types';

const rule: Rule = {
  id: 'request-schema',
  description:
    'A request body and its path and query parameters must satisfy the schemas the operation declares.',
  severity: 'error',

  checkStatic(context) {
    return context.plan.flatMap(planned => [
      ...checkParameters(context, planned),
      ...checkBody(context, planned),
    ]);
  },

  checkExchange(_context, { planned, operation, response }) {
    const violations = prismRequestViolations(response);
    if (violations.length === 0) return [];
    const listed = violations
      .map(
        violation =>
          `${violation.location.filter(part => part !== 'request').join('.') || 'request'} ${violation.message}`,
      )
      .join('; ');
    return [
      {
        message: `The mock rejected "${planned.request.label}" with ${response.status}: ${listed}.`,
        document: 'collection',
        pointer: planned.request.pointer,
        request: planned.request,
        operation,
      },
    ];
  },
};

function checkParameters({ schemas }: RuleContext, planned: PlannedRequest): RuleFinding[] {
  const operation = operationOf(planned);
  if (operation === undefined || planned.route.kind !== 'operation' || planned.url === undefined)
    return [];
  const { request } = planned;
  const at = { document: 'collection' as const, pointer: request.urlPointer, request, operation };
  const findings: RuleFinding[] = [];

  for (const parameter of operation.parameters) {
    let value: string | string[] | undefined;
    if (parameter.in === 'path') value = planned.route.pathParams[parameter.name];
    else if (parameter.in === 'query') {
      const all = planned.url.searchParams.getAll(parameter.name);
      value = all.length === 0 ? undefined : all.length === 1 ? all[0] : all;
    } else if (parameter.in === 'header')
      value = findHeader(request.headers, parameter.name)?.value;
    else continue;

    if (value === undefined) {
      if (parameter.required) {
        findings.push({
          ...at,
          message: `Request "${request.label}" must send the required ${parameter.in} parameter "${parameter.name}" of "${operation.label}".`,
        });
      }
      continue;
    }
    if (parameter.schemaPointer === undefined) continue;
    for (const problem of schemas.validateParameter(parameter.schemaPointer, value)) {
      findings.push({
        ...at,
        message: `Request "${request.label}" sends the ${parameter.in} parameter "${parameter.name}" = ${JSON.stringify(value)}, which ${problem.message}.`,
      });
    }
  }
  return findings;
}

function checkBody({ schemas }: RuleContext, planned: PlannedRequest): RuleFinding[] {
  const operation = operationOf(planned);
  const declared = operation?.requestBody;
  if (operation === undefined || declared === undefined) return [];
  const { request } = planned;
  const body = request.body;
  if (body === undefined) {
    if (!declared.required) return [];
    return [
      {
        message: `Request "${request.label}" must send the request body that "${operation.label}" requires.`,
        document: 'collection',
        pointer: `${request.pointer}/request`,
        request,
        operation,
      },
    ];
  }
  if (body.mode !== 'raw') return [];

  const sent = mediaTypeOf(findHeader(request.headers, 'content-type')?.value);
  const media =
    declared.content.find(entry => mediaTypeOf(entry.mediaType) === sent) ??
    declared.content.find(entry => isJsonMediaType(mediaTypeOf(entry.mediaType)));
  if (media?.schemaPointer === undefined || !isJsonMediaType(mediaTypeOf(media.mediaType)))
    return [];

  const at = { document: 'collection' as const, pointer: body.pointer, request, operation };
  const parsed = parseJson(body.raw);
  if (!parsed.ok)
    return [
      {
        ...at,
        message: `Request "${request.label}" must send a JSON body, but its raw body is not valid JSON.`,
      },
    ];
  return schemas
    .validate('request', media.schemaPointer, parsed.value)
    .map((problem: SchemaProblem) => ({
      ...at,
      message: `The body of request "${request.label}" ${problem.at === '' ? '' : `at "${problem.at}" `}${problem.message}.`,
    }));
}

export default rule;
