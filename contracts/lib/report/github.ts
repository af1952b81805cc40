// GitHub Actions workflow commands: one annotation per finding, shown on the file and line in
// the pull request's diff, plus the Markdown job summary when the runner provides its file.
// @see https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import { appendFileSync } from 'node:fs';

import type { CheckResult } from '../engine';
import type { Finding } from '../types';
import { formatMarkdown } from './markdown';

export function formatGithub(result: CheckResult): string {
  const lines = result.findings.map(toAnnotation);
  if (result.summary.error !== undefined) {
    lines.push(`::error title=contract check::${escapeData(result.summary.error)}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Appends the job summary to the file named by GITHUB_STEP_SUMMARY; returns whether it wrote. */
export function writeJobSummary(
  result: CheckResult,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file === '') return false;

  appendFileSync(file, formatMarkdown(result));
  return true;
}

export function toAnnotation(finding: Finding): string {
  const properties: string[] = [];
  if (finding.file !== '') {
    properties.push(`file=${escapeProperty(finding.file)}`);
    properties.push(`line=${finding.line}`, `col=${finding.column}`);
  }
  properties.push(`title=${escapeProperty(finding.rule)}`);
  const command = finding.severity === 'error' ? 'error' : 'warning';
  return `::${command} ${properties.join(',')}::${escapeData(describe(finding))}`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

// Properties are separated by "," and end at "::", so both need escaping on top of the data rules.
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function describe(finding: Finding): string {
  const context = finding.request ?? finding.operation;
  const suffix = finding.pointer === '' ? '' : `\nat ${finding.pointer}`;
  return context === undefined
    ? `${finding.message}${suffix}`
    : `${finding.message}\n${context}${suffix}`;
}
