// JUnit XML for CI test tabs: one test case per collection request and one per rule, so a
// broken contract reads like failing tests. Findings tied to a request fail that request's
// case; the others fail their rule's case.
import { rules as registeredRules } from '../../index';
import type { CheckResult } from '../engine';
import type { Finding } from '../types';

const RULE_CLASSNAME = 'contract rules';
const MOCK_FAILURE = 'mock-unavailable';
// Rules whose findings mean the tool could not run; JUnit calls that an error, not a failure.
const TOOL_RULES = new Set(['unusable-input', MOCK_FAILURE]);

interface TestCase {
  classname: string;
  name: string;
  findings: Finding[];
}

export function formatJunit(result: CheckResult): string {
  const requestCases: TestCase[] = result.requests.map(outcome => ({
    classname: outcome.request.group || '(root)',
    name: outcome.request.name,
    findings: outcome.findings,
  }));
  const ruleCases = buildRuleCases(result);
  // A mock that would not run is one erroring case of its own, carrying the reason.
  if (result.summary.error !== undefined) {
    ruleCases.push({
      classname: RULE_CLASSNAME,
      name: 'mock',
      findings: [mockFailure(result.summary.error)],
    });
  }
  const seconds = (result.summary.durationMs / 1000).toFixed(3);

  const suites = [
    renderSuite('collection requests', requestCases, seconds),
    renderSuite('static rules', ruleCases, '0.000'),
  ];
  const failures = [...requestCases, ...ruleCases].filter(isFailure).length;
  const errors = [...requestCases, ...ruleCases].filter(isError).length;
  const total = requestCases.length + ruleCases.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="contract check" tests="${total}" failures="${failures}" errors="${errors}" time="${seconds}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

// One case per rule that checks the documents alone, plus any rule that reported a finding
// outside a request (tool failures, live rules about an operation).
function buildRuleCases(result: CheckResult): TestCase[] {
  const unattached = result.findings.filter(finding => finding.request === undefined);
  const ids = registeredRules.filter(rule => rule.checkStatic !== undefined).map(rule => rule.id);
  for (const finding of unattached) if (!ids.includes(finding.rule)) ids.push(finding.rule);
  return ids.map(id => ({
    classname: RULE_CLASSNAME,
    name: id,
    findings: unattached.filter(finding => finding.rule === id),
  }));
}

function renderSuite(name: string, cases: TestCase[], seconds: string): string {
  const failures = cases.filter(isFailure).length;
  const errors = cases.filter(isError).length;
  const lines = [
    `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds}">`,
  ];
  for (const testCase of cases) lines.push(...renderCase(testCase));
  lines.push('  </testsuite>');
  return lines.join('\n');
}

function renderCase(testCase: TestCase): string[] {
  const open = `    <testcase classname="${escapeXml(testCase.classname)}" name="${escapeXml(testCase.name)}" time="0">`;
  if (testCase.findings.length === 0) return [open.replace(/>$/, ' />')];

  const element = isError(testCase) ? 'error' : isFailure(testCase) ? 'failure' : 'system-out';
  const body = escapeXml(testCase.findings.map(describeFinding).join('\n'));
  if (element === 'system-out')
    return [open, `      <system-out>${body}</system-out>`, '    </testcase>'];

  const first = testCase.findings[0] as Finding;
  const message =
    testCase.findings.length === 1
      ? first.message
      : `${testCase.findings.length} findings; the first: ${first.message}`;
  return [
    open,
    `      <${element} message="${escapeXml(message)}" type="${escapeXml(first.rule)}">${body}</${element}>`,
    '    </testcase>',
  ];
}

function mockFailure(message: string): Finding {
  return {
    rule: MOCK_FAILURE,
    severity: 'error',
    message,
    file: '',
    line: 1,
    column: 1,
    pointer: '',
  };
}

function isError(testCase: TestCase): boolean {
  return testCase.findings.some(finding => TOOL_RULES.has(finding.rule));
}

function isFailure(testCase: TestCase): boolean {
  return !isError(testCase) && testCase.findings.some(finding => finding.severity === 'error');
}

function describeFinding(finding: Finding): string {
  const where = finding.file === '' ? '' : `${finding.file}:${finding.line}:${finding.column} `;
  const pointer = finding.pointer === '' ? '' : ` (at ${finding.pointer})`;
  return `${where}${finding.severity} ${finding.rule}: ${finding.message}${pointer}`;
}

// Escapes markup and drops characters XML 1.0 cannot carry at all (control characters, lone
// surrogates), which hostile collections may contain.
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}
