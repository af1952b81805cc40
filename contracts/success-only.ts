import { expectedStatus, SUCCESS_STATUSES } from './lib/bodies';
import { prismRequestViolations } from './lib/prism-answers';
import type { Rule, RuleFinding } from './lib/types';

const rule: Rule = {
  id: 'success-only',
  description:
    'Operations must declare only 200 or 201 responses, saved responses must use those codes, and the mock must answer with the declared one.',
  severity: 'error',

  checkStatic({ spec, plan }) {
    const findings: RuleFinding[] = [];
    for (const operation of spec.operations) {
      // An operation with other statuses gets one finding per status below.
      if (operation.responses.length === 0) {
        findings.push({
          message: `Operation "${operation.label}" must declare a 200 or 201 response, but declares no response at all, so the mock cannot answer it.`,
          document: 'spec',
          pointer: `${operation.pointer}/responses`,
          operation,
        });
      }
      for (const response of operation.responses) {
        if (SUCCESS_STATUSES.has(response.status)) continue;
        findings.push({
          message: `Operation "${operation.label}" must declare only 200 or 201 responses, but declares "${response.status}".`,
          document: 'spec',
          pointer: response.pointer,
          operation,
        });
      }
    }
    for (const { request } of plan) {
      for (const saved of request.responses) {
        if (saved.code === undefined || SUCCESS_STATUSES.has(String(saved.code))) continue;
        findings.push({
          message: `Saved response "${saved.name}" of "${request.label}" must have code 200 or 201, but has ${saved.code}.`,
          document: 'collection',
          pointer: `${saved.pointer}/code`,
          request,
        });
      }
    }
    return findings;
  },

  checkExchange(_context, { planned, operation, response }) {
    const expected = expectedStatus(operation, planned.request);
    if (response.status === expected) return [];
    // Without a declared success the static check has said so; a 2xx answer adds nothing.
    if (expected === undefined && response.status >= 200 && response.status < 300) return [];
    // A request Prism rejected is reported by request-schema, which names the violations.
    if (prismRequestViolations(response).length > 0) return [];
    return [
      {
        message: `The mock must answer "${planned.request.label}" with ${expected ?? 'a success status'} as "${operation.label}" declares, but answered ${response.status}${describeProblem(response.bodyText)}.`,
        document: 'collection',
        pointer: planned.request.pointer,
        request: planned.request,
        operation,
      },
    ];
  },
};

function describeProblem(bodyText: string): string {
  const detail = /"(?:detail|title)"\s*:\s*"([^"]{1,200})"/.exec(bodyText)?.[1];
  return detail === undefined ? '' : ` ("${detail}")`;
}

export default rule;
