import type { CheckResult } from '../engine';
import { formatGithub, writeJobSummary } from './github';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatText } from './text';

export const REPORT_FORMATS = ['text', 'json', 'junit', 'github', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface FormatOptions {
  /** Where `github` looks for GITHUB_STEP_SUMMARY; defaults to the process environment. */
  env?: NodeJS.ProcessEnv;
}

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * Renders the result for stdout. The `github` format also appends the Markdown job summary to
 * the file GitHub Actions names in GITHUB_STEP_SUMMARY, when that variable is set.
 */
export function formatResult(
  result: CheckResult,
  format: ReportFormat,
  options: FormatOptions = {},
): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'junit':
      return formatJunit(result);
    case 'github':
      writeJobSummary(result, options.env ?? process.env);
      return formatGithub(result);
    case 'markdown':
      return formatMarkdown(result);
    default:
      return formatText(result);
  }
}
