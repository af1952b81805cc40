// The Markdown job summary: per group, then findings by rule. GitHub renders it on the run page.
import type { CheckResult } from '../engine';
import type { Finding } from '../types';

// A summary is for reading, not archiving; the annotations and the JUnit file carry every finding.
const MAX_LISTED_FINDINGS = 50;

export function formatMarkdown(result: CheckResult): string {
  const { summary } = result;
  const lines: string[] = [`## Contract check: ${describeOutcome(result.exitCode)}`, ''];
  if (summary.error !== undefined) lines.push(`**${summary.error}**`, '');

  lines.push(
    '| Group | Operations | Requests | Replayed | Findings |',
    '| --- | ---: | ---: | ---: | ---: |',
  );
  for (const group of summary.groups) {
    lines.push(row([group.name, group.operations, group.requests, group.replayed, group.findings]));
  }
  lines.push(
    row(['**Total**', summary.operations, summary.requests, summary.replayed, summary.findings]),
    '',
  );

  const ruleCounts = Object.entries(summary.byRule).sort(([a], [b]) => a.localeCompare(b));
  if (ruleCounts.length === 0) {
    lines.push('No findings.', '');
    return `${lines.join('\n')}\n`;
  }
  lines.push('### Findings by rule', '', '| Rule | Findings |', '| --- | ---: |');
  for (const [rule, count] of ruleCounts) lines.push(row([`\`${rule}\``, count]));
  lines.push('');

  lines.push('### Findings', '');
  for (const finding of result.findings.slice(0, MAX_LISTED_FINDINGS))
    lines.push(`- ${describeFinding(finding)}`);
  const hidden = result.findings.length - MAX_LISTED_FINDINGS;
  if (hidden > 0) lines.push(`- … and ${hidden} more; see the annotations or the JUnit report.`);
  lines.push('');
  return `${lines.join('\n')}\n`;
}

export function describeOutcome(exitCode: CheckResult['exitCode']): string {
  if (exitCode === 0) return 'the contract holds';
  return exitCode === 1 ? 'the contract is broken' : 'the check could not run';
}

function describeFinding(finding: Finding): string {
  const where =
    finding.file === '' ? '' : ` (\`${finding.file}:${finding.line}:${finding.column}\`)`;
  return `**${finding.severity}** \`${finding.rule}\`${where}: ${escapeInline(finding.message)}`;
}

function row(cells: Array<string | number>): string {
  return `| ${cells.map(cell => escapeCell(String(cell))).join(' | ')} |`;
}

// A pipe ends a table cell and a newline ends the row; both come from user-controlled names.
function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|');
}

// Markup from collection names must not turn into HTML or break the layout.
function escapeInline(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
