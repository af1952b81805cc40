import type { CheckResult } from '../engine';

export function formatText(result: CheckResult): string {
  const lines: string[] = [];
  for (const finding of result.findings) {
    const where = finding.file === '' ? '' : `${finding.file}:${finding.line}:${finding.column} `;
    lines.push(`${where}${finding.rule}: ${finding.message}`);
    if (finding.pointer !== '') lines.push(`    at ${finding.pointer}`);
  }
  const { summary } = result;
  lines.push('');
  lines.push(`${summary.operations} operations, ${summary.requests} requests, ${summary.replayed} replayed, ${summary.findings} findings (${Math.round(summary.durationMs)} ms)`);
  for (const [rule, count] of Object.entries(summary.byRule)) lines.push(`  ${rule}: ${count}`);
  lines.push(result.exitCode === 0 ? 'The contract holds.' : result.exitCode === 1 ? 'The contract is broken.' : 'The check could not run.');
  return `${lines.join('\n')}\n`;
}
