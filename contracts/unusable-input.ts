import type { Rule } from './lib/types';

// Raised by the loaders, not by a check: an input that cannot be read ends the run with exit 2.
const rule: Rule = {
  id: 'unusable-input',
  description:
    'The spec and the collection must be strict JSON, a valid OpenAPI 3.0/3.1 document with local, resolvable $refs, and a Postman v2.0/v2.1 collection.',
  severity: 'error',
};

export default rule;
