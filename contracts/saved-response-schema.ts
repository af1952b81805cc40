import { findHeader, isJsonMediaType, mediaTypeOf, operationOf, parseJson } from './lib/bodies';
import type { Rule, RuleFinding } from './lib/types';

const rule: Rule = {
  id: 'saved-response-schema',
  description:
    "A saved Postman response must use a status the operation declares, and its body must satisfy that response's schema.",
  severity: 'error',

  checkStatic({ plan, schemas }) {
    const findings: RuleFinding[] = [];
    for (const planned of plan) {
      const operation = operationOf(planned);
      if (operation === undefined) continue;
      const { request } = planned;
      for (const saved of request.responses) {
        const at = { document: 'collection' as const, request, operation };
        const declared = operation.responses.find(
          response => response.status === String(saved.code),
        );
        if (declared === undefined) {
          const statuses = operation.responses.map(response => response.status).join(', ');
          findings.push({
            ...at,
            pointer: `${saved.pointer}/code`,
            message: `Saved response "${saved.name}" of "${request.label}" has code ${saved.code ?? '(none)'}, but "${operation.label}" declares ${statuses || 'no response'}.`,
          });
          continue;
        }
        const sent =
          mediaTypeOf(findHeader(saved.headers, 'content-type')?.value) ?? 'application/json';
        const media =
          declared.content.find(entry => mediaTypeOf(entry.mediaType) === sent) ??
          declared.content.find(entry => isJsonMediaType(mediaTypeOf(entry.mediaType)));
        if (media?.schemaPointer === undefined) continue;
        const parsed = parseJson(saved.body ?? '');
        if (!parsed.ok) {
          findings.push({
            ...at,
            pointer: `${saved.pointer}/body`,
            message: `Saved response "${saved.name}" of "${request.label}" must have a JSON body, but it is not valid JSON.`,
          });
          continue;
        }
        for (const problem of schemas.validate('response', media.schemaPointer, parsed.value)) {
          findings.push({
            ...at,
            pointer: `${saved.pointer}/body`,
            message: `Saved response "${saved.name}" of "${request.label}" ${problem.at === '' ? '' : `at "${problem.at}" `}${problem.message}.`,
          });
        }
      }
    }
    return findings;
  },
};

export default rule;
