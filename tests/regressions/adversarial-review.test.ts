// Faults found by trying to break the check on purpose, each kept as the smallest pair that
// showed it. The check must reach the verdict below; before the fixes it did not.
import path from 'node:path';

import { runCheck } from '../../contracts/lib/engine';
import { stopAllPrism } from '../../contracts/lib/prism';

const FIXTURES = path.join(__dirname, 'fixtures');

afterAll(() => stopAllPrism());

test.each([
  // Wrongly reported before: readOnly on a $ref sibling, and required across allOf branches.
  ['readonly-refsibling', 'a readOnly $ref sibling is not required in a request', 0, []],
  ['readonly-allof', 'an allOf branch may require a readOnly property of another', 0, []],
  [
    'property-named-enum-3.0',
    'a property called "enum" is still a schema (3.0 bounds adapted)',
    0,
    [],
  ],
  ['encoded-slash-in-segment', 'an encoded "/" inside a path parameter still matches it', 0, []],
  ['date-prefixed-title', 'a title that starts with a date is not a timestamp', 0, []],
  [
    'lone-surrogate-variable',
    'a lone surrogate in a path variable does not crash the check',
    0,
    [],
  ],
  // Wrongly accepted before.
  [
    'external-ref-under-property-named-example',
    'a $ref under a property called "example" is checked',
    2,
    ['unusable-input'],
  ],
  ['text-plain-success', 'a success answer that is not JSON breaks the envelope', 1, ['envelope']],
  ['short-later-page', 'a short page 2 must be the last page', 1, ['pagination']],
  ['no-responses', 'an operation without a success response is reported', 1, ['success-only']],
  [
    'lone-surrogate-path',
    'a lone surrogate in a path key is unusable input, not a crash',
    2,
    ['unusable-input'],
  ],
] as const)('%s: %s', async (name, _why, exit, rules) => {
  const result = await runCheck({
    specPath: path.join(FIXTURES, `${name}.spec.json`),
    collectionPath: path.join(FIXTURES, `${name}.postman.json`),
  });
  const found = [...new Set(result.findings.map(finding => finding.rule))].sort();
  expect({ exit: result.exitCode, rules: found, error: result.summary.error }).toEqual({
    exit,
    rules: [...rules],
    error: undefined,
  });
});
