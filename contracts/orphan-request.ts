import type { Rule, RuleFinding } from './lib/types';
import { suggestPath } from './lib/suggest';

const rule: Rule = {
  id: 'orphan-request',
  description: 'Every collection request must call a path that the spec declares.',
  severity: 'error',

  checkStatic({ spec, plan }) {
    const findings: RuleFinding[] = [];
    for (const { request, url, route } of plan) {
      if (route.kind !== 'no-path') continue;
      // The hint is a question of its own; the sentence ends with its "?".
      const hint = url === undefined ? '' : suggestPath(spec, url.pathname);
      const message =
        url === undefined
          ? `Request "${request.label}" must have a URL that names a spec path, but has none that can be built.`
          : `Request "${request.label}" calls "${request.method} ${url.pathname}", which matches no path in the spec${hint}${hint.endsWith('?') ? '' : '.'}`;
      findings.push({ message, document: 'collection', pointer: request.urlPointer, request });
    }
    return findings;
  },
};

export default rule;
