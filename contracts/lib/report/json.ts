import type { CheckResult } from '../engine';

/** One JSON object on stdout: the findings and the summary. */
export function formatJson(result: CheckResult): string {
  return `${JSON.stringify({ findings: result.findings, summary: { ...result.summary, exitCode: result.exitCode } }, null, 2)}\n`;
}
