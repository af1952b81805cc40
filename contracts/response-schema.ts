import { isJsonMediaType, mediaTypeOf, parseJson } from './lib/bodies';
import type { Rule } from './lib/types';

const rule: Rule = {
  id: 'response-schema',
  description:
    'Every live answer of the mock must satisfy the schema of the response it claims to be.',
  severity: 'error',

  checkExchange({ schemas }, { planned, operation, response }) {
    const declared = operation.responses.find(entry => entry.status === String(response.status));
    if (declared === undefined) return [];
    const sent = mediaTypeOf(response.headers['content-type']);
    const media = declared.content.find(entry => mediaTypeOf(entry.mediaType) === sent);
    if (media?.schemaPointer === undefined || !isJsonMediaType(sent)) return [];
    const at = {
      document: 'spec' as const,
      pointer: media.schemaPointer,
      request: planned.request,
      operation,
    };

    const parsed = parseJson(response.bodyText);
    if (!parsed.ok)
      return [
        {
          ...at,
          message: `The mock's ${response.status} answer to "${planned.request.label}" must be JSON, but is not.`,
        },
      ];
    return schemas.validate('response', media.schemaPointer, parsed.value).map(problem => ({
      ...at,
      message: `The mock's ${response.status} answer to "${planned.request.label}" ${problem.at === '' ? '' : `at "${problem.at}" `}${problem.message}.`,
    }));
  },
};

export default rule;
