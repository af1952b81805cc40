import type { Rule, RuleFinding } from './lib/types';

const rule: Rule = {
  id: 'method-mismatch',
  description: 'A collection request must use a method that the spec declares for its path.',
  severity: 'error',

  checkStatic({ plan }) {
    const findings: RuleFinding[] = [];
    for (const { request, route } of plan) {
      if (route.kind !== 'method-mismatch') continue;
      const allowed = route.methods.map(method => `"${method}"`).join(', ');
      findings.push({
        message: `Request "${request.label}" sends "${request.method}" to "${route.template.key}", which the spec only declares with ${allowed}.`,
        document: 'collection',
        pointer: `${request.pointer}/request/method`,
        request,
      });
    }
    return findings;
  },
};

export default rule;
