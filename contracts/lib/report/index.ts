import type { CheckResult } from '../engine';
import { formatJson } from './json';
import { formatText } from './text';

export const REPORT_FORMATS = ['text', 'json', 'junit', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export function formatResult(result: CheckResult, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    default:
      return formatText(result);
  }
}
