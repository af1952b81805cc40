import { findHeader, mediaTypeOf, operationOf } from './lib/bodies';
import type { Rule, RuleFinding } from './lib/types';

const rule: Rule = {
  id: 'content-type',
  description:
    'A request with a body must send a Content-Type whose media type the operation accepts (parameters such as charset aside).',
  severity: 'error',

  checkStatic({ plan }) {
    const findings: RuleFinding[] = [];
    for (const planned of plan) {
      const { request } = planned;
      const operation = operationOf(planned);
      if (request.body === undefined || request.body.mode === 'other' || operation === undefined)
        continue;
      const header = findHeader(request.headers, 'content-type');
      const sent = mediaTypeOf(header?.value);
      const accepted =
        operation.requestBody?.content.map(media => media.mediaType.toLowerCase()) ?? [];
      const at = { document: 'collection' as const, request, operation };

      if (accepted.length === 0) {
        findings.push({
          ...at,
          pointer: request.body.pointer,
          message: `Request "${request.label}" sends a body, but "${operation.label}" accepts none.`,
        });
      } else if (sent === undefined) {
        findings.push({
          ...at,
          pointer: `${request.pointer}/request/header`,
          message: `Request "${request.label}" sends a body and must send a "Content-Type" header (${quoteList(accepted)}).`,
        });
      } else if (!accepted.some(media => mediaTypeMatches(media, sent))) {
        findings.push({
          ...at,
          pointer: header?.pointer ?? `${request.pointer}/request/header`,
          message: `Request "${request.label}" sends "Content-Type: ${header?.value}", but "${operation.label}" accepts only ${quoteList(accepted)}.`,
        });
      }
    }
    return findings;
  },
};

function mediaTypeMatches(declared: string, sent: string): boolean {
  const bare = mediaTypeOf(declared) ?? declared;
  if (bare === '*/*' || bare === sent) return true;
  return bare.endsWith('/*') && sent.startsWith(bare.slice(0, -1));
}

function quoteList(items: string[]): string {
  return items.map(item => `"${item}"`).join(', ');
}

export default rule;
