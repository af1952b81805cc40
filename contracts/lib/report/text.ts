// The local report: every finding with its location, then the same per-group table the job
// summary shows on GitHub, then the counts by rule.
import type { CheckResult } from '../engine';
import { describeOutcome } from './markdown';

const TABLE_HEADINGS = ['Group', 'Operations', 'Requests', 'Replayed', 'Findings'];

export function formatText(result: CheckResult): string {
  const lines: string[] = [];
  for (const finding of result.findings) {
    const where = finding.file === '' ? '' : `${finding.file}:${finding.line}:${finding.column} `;
    lines.push(`${where}${finding.rule}: ${finding.message}`);
    if (finding.pointer !== '') lines.push(`    at ${finding.pointer}`);
  }

  const { summary } = result;
  if (lines.length > 0) lines.push('');
  // Input that could not be read has no groups to show; the finding above says it all.
  if (summary.groups.length === 0 && result.exitCode === 2) {
    lines.push(`${capitalise(describeOutcome(result.exitCode))}.`);
    return `${lines.join('\n')}\n`;
  }
  const rows = summary.groups.map(group => [
    group.name,
    group.operations,
    group.requests,
    group.replayed,
    group.findings,
  ]);
  rows.push(['Total', summary.operations, summary.requests, summary.replayed, summary.findings]);
  lines.push(...renderTable(TABLE_HEADINGS, rows));

  const ruleCounts = Object.entries(summary.byRule).sort(([a], [b]) => a.localeCompare(b));
  if (ruleCounts.length > 0) {
    lines.push('', 'Findings by rule:');
    for (const [rule, count] of ruleCounts) lines.push(`  ${rule}: ${count}`);
  }
  if (summary.error !== undefined) lines.push('', summary.error);
  lines.push(
    '',
    `${capitalise(describeOutcome(result.exitCode))} (${Math.round(summary.durationMs)} ms).`,
  );
  return `${lines.join('\n')}\n`;
}

// Left-aligns the first column and right-aligns the counts; the last row is the total.
function renderTable(headings: string[], rows: Array<Array<string | number>>): string[] {
  const cells = [headings, ...rows].map(row => row.map(cell => String(cell).replace(/\s+/g, ' ')));
  const widths = headings.map((_, column) =>
    Math.max(...cells.map(row => (row[column] ?? '').length)),
  );
  const render = (row: string[]): string =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map(width => '-'.repeat(width)).join('  ');
  const [head, ...body] = cells;
  const total = body.pop() ?? [];
  return [render(head ?? []), rule, ...body.map(render), rule, render(total)];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
