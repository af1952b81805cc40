import { resolveRequestUrl } from './lib/url';
import type { Rule, RuleFinding } from './lib/types';

const rule: Rule = {
  id: 'url-consistency',
  description:
    'A request URL written both as "raw" and as host/path parts must resolve to the same URL in both forms.',
  severity: 'error',

  checkStatic({ plan }) {
    const findings: RuleFinding[] = [];
    for (const { request } of plan) {
      if (request.rawUrl === undefined || request.partsUrl === undefined) continue;
      const fromRaw = resolveRequestUrl(request, 'raw').url;
      const fromParts = resolveRequestUrl(request, 'parts').url;
      if (fromRaw === undefined || fromParts === undefined || fromRaw.href === fromParts.href)
        continue;
      findings.push({
        message: `Request "${request.label}" must have the same URL in "url.raw" ("${fromRaw.href}") and in its host/path parts ("${fromParts.href}"); Postman and Newman send the parts.`,
        document: 'collection',
        pointer: `${request.urlPointer}/raw`,
        request,
      });
    }
    return findings;
  },
};

export default rule;
