// The field cases of ../shared/cases, copied unchanged into tests/cases: each folder holds a
// spec, a collection and the conclusion the full check (replay through Prism included) must reach.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { runCheck } from '../contracts/lib/engine';
import { stopAllPrism } from '../contracts/lib/prism';

interface CaseExpectation {
  exit: 0 | 1 | 2;
  rules: string[];
  why: string;
}

const CASES = join(__dirname, 'cases');

const cases = readdirSync(CASES)
  .filter(name => statSync(join(CASES, name)).isDirectory())
  .sort()
  .map(name => {
    const expected = JSON.parse(
      readFileSync(join(CASES, name, 'expect.json'), 'utf8'),
    ) as CaseExpectation;
    return { name, title: `${name}: ${expected.why}`, expected };
  });

jest.setTimeout(60_000);

afterAll(async () => {
  await stopAllPrism();
});

test('finds the field cases', () => {
  expect(cases.length).toBeGreaterThan(0);
});

test.each(cases)('$title', async ({ name, expected }) => {
  const result = await runCheck({
    specPath: join(CASES, name, 'spec.json'),
    collectionPath: join(CASES, name, 'collection.json'),
  });
  const found = result.findings.map(
    finding => `${finding.rule} ${finding.pointer}: ${finding.message}`,
  );

  expect({ exit: result.exitCode, found }).toEqual(
    expect.objectContaining({ exit: expected.exit }),
  );
  expect([...new Set(result.findings.map(finding => finding.rule))]).toEqual(
    expect.arrayContaining(expected.rules),
  );
  if (expected.exit === 0) expect(found).toEqual([]);
});
