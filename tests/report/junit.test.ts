import * as path from 'node:path';

import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { rules } from '../../contracts';
import { runCheck } from '../../contracts/lib/engine';
import { formatResult } from '../../contracts/lib/report';
import { makeResult } from './sample-result';

const CASE = path.resolve(__dirname, '..', 'cases', '13-envelope-extra-top-level-key');

interface ParsedCase {
  '@_classname': string;
  '@_name': string;
  failure?: { '@_message': string; '#text': string };
  error?: unknown;
  'system-out'?: string;
}

function parseCases(xml: string): ParsedCase[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: name => name === 'testcase' || name === 'testsuite',
  });
  const document = parser.parse(xml) as {
    testsuites: { testsuite: Array<{ testcase?: ParsedCase[] }> };
  };
  return document.testsuites.testsuite.flatMap(suite => suite.testcase ?? []);
}

describe('the junit format', () => {
  test('is well-formed XML even when names hold markup, control characters and lone surrogates', () => {
    const xml = formatResult(makeResult(), 'junit');

    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
  });

  test('has one test case per request, named after it and classed by its folder', () => {
    const cases = parseCases(formatResult(makeResult(), 'junit'));
    const requestCases = cases.filter(testCase => testCase['@_classname'] !== 'contract rules');

    expect(requestCases.map(testCase => [testCase['@_classname'], testCase['@_name']])).toEqual([
      ['Items', 'List items'],
      [expect.any(String), expect.any(String)],
      ['Items', 'Get item'],
    ]);
    expect(requestCases[0]?.failure?.['#text']).toContain('response-schema');
    expect(requestCases[2]?.failure).toBeUndefined();
  });

  test('has one test case per static rule, failing with the findings not tied to a request', () => {
    const cases = parseCases(formatResult(makeResult(), 'junit')).filter(
      testCase => testCase['@_classname'] === 'contract rules',
    );
    const staticIds = rules.filter(rule => rule.checkStatic !== undefined).map(rule => rule.id);

    expect(cases.map(testCase => testCase['@_name'])).toEqual(expect.arrayContaining(staticIds));
    const envelope = cases.find(testCase => testCase['@_name'] === 'envelope');
    expect(envelope?.failure?.['#text']).toContain('spec/openapi.json:12:7');
    // A warning is reported but does not fail its case.
    const timestamps = cases.find(testCase => testCase['@_name'] === 'iso-timestamp');
    expect(timestamps?.failure).toBeUndefined();
    expect(timestamps?.['system-out']).toContain('warning iso-timestamp');
  });

  test('reports a real faulty case as a failed rule, and a missing input as an error', async () => {
    const faulty = await runCheck({
      specPath: `${CASE}/spec.json`,
      collectionPath: `${CASE}/collection.json`,
      static: true,
    });
    const faultyXml = formatResult(faulty, 'junit');
    expect(XMLValidator.validate(faultyXml)).toBe(true);
    expect(
      parseCases(faultyXml).find(testCase => testCase['@_name'] === 'envelope')?.failure,
    ).toBeDefined();

    const missing = await runCheck({
      specPath: `${CASE}/no-such-spec.json`,
      collectionPath: `${CASE}/collection.json`,
      static: true,
    });
    const missingXml = formatResult(missing, 'junit');
    expect(XMLValidator.validate(missingXml)).toBe(true);
    expect(
      parseCases(missingXml).find(testCase => testCase['@_name'] === 'unusable-input')?.error,
    ).toBeDefined();
  });
});
