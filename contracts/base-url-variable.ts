import type { Rule, RuleFinding } from './lib/types';

const BASE_URL = '{{baseUrl}}';

const rule: Rule = {
  id: 'base-url-variable',
  description:
    'Every request URL must start with the {{baseUrl}} variable, so one setting points the whole collection at a server.',
  severity: 'error',

  checkStatic({ plan }) {
    const findings: RuleFinding[] = [];
    for (const { request } of plan) {
      const written = (request.rawUrl ?? request.partsUrl ?? '').trim();
      if (written.startsWith(BASE_URL)) continue;
      findings.push({
        message: `Request "${request.label}" must start its URL with "${BASE_URL}", but it is "${written}".`,
        document: 'collection',
        pointer: request.urlPointer,
        request,
      });
    }
    return findings;
  },
};

export default rule;
