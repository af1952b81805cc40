import type { Rule, RuleFinding } from './lib/types';

const rule: Rule = {
  id: 'non-loopback-url',
  description:
    'Every request must resolve to plain http on this machine; any other URL is reported and never sent.',
  severity: 'error',

  checkStatic({ plan }) {
    const findings: RuleFinding[] = [];
    for (const { request, url, unsendable } of plan) {
      // A request without any URL is an orphan; everything else that cannot go is reported here.
      if (
        unsendable === undefined ||
        (url === undefined && request.rawUrl === undefined && request.partsUrl === undefined)
      )
        continue;
      findings.push({
        message: `Request "${request.label}" was not sent because ${unsendable}; its URL must resolve to http://127.0.0.1 through "{{baseUrl}}".`,
        document: 'collection',
        pointer: request.urlPointer,
        request,
      });
    }
    return findings;
  },
};

export default rule;
