// Renders a spec diff for people (text), machines (json) and pull requests (github annotations).
import { escapeData, escapeProperty } from '../lib/report/github';
import type { SpecChange, SpecDiff } from './types';

export const DIFF_FORMATS = ['text', 'json', 'github'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffReportContext {
  base: string;
  /** Breaking changes were accepted (the pull request carries the label); report, do not fail. */
  accepted: boolean;
}

export function isDiffFormat(value: string): value is DiffFormat {
  return (DIFF_FORMATS as readonly string[]).includes(value);
}

export function formatDiff(diff: SpecDiff, format: DiffFormat, context: DiffReportContext): string {
  if (format === 'json')
    return `${JSON.stringify({ base: context.base, accepted: context.accepted, ...diff }, null, 2)}\n`;
  if (format === 'github')
    return [...diff.breaking, ...diff.notes]
      .map(change => toAnnotation(change, context))
      .map(line => `${line}\n`)
      .join('');
  return formatText(diff, context);
}

function formatText(diff: SpecDiff, context: DiffReportContext): string {
  const lines: string[] = [];
  const section = (title: string, changes: SpecChange[]): void => {
    if (changes.length === 0) return;
    lines.push(title);
    for (const change of changes) {
      lines.push(`  ${where(change)} ${change.kind}: ${change.message}`);
      if (change.previous !== undefined)
        lines.push(
          `      was at ${change.previous.file}:${change.previous.line}:${change.previous.column}`,
        );
    }
    lines.push('');
  };
  section(`Breaking changes against ${context.base}:`, diff.breaking);
  section(`Notes (additive or harmless changes):`, diff.notes);
  lines.push(conclude(diff, context));
  return `${lines.join('\n')}\n`;
}

function conclude(diff: SpecDiff, context: DiffReportContext): string {
  const count = diff.breaking.length;
  if (count === 0)
    return `No breaking changes against ${context.base} (${diff.notes.length} notes).`;
  const noun = count === 1 ? 'breaking change' : 'breaking changes';
  return context.accepted
    ? `${count} ${noun} against ${context.base}, accepted (--accept-breaking, set by the pull request's label in CI).`
    : `${count} ${noun} against ${context.base}; the frontend must be updated first, or the pull request labelled to accept them.`;
}

function toAnnotation(change: SpecChange, context: DiffReportContext): string {
  const command = !change.breaking ? 'notice' : context.accepted ? 'warning' : 'error';
  const { file, line, column } = change.location;
  const previous =
    change.previous === undefined
      ? ''
      : `\nIt was at ${change.previous.file}:${change.previous.line}.`;
  return `::${command} file=${escapeProperty(file)},line=${line},col=${column},title=${escapeProperty(change.kind)}::${escapeData(change.message + previous)}`;
}

function where(change: SpecChange): string {
  return `${change.location.file}:${change.location.line}:${change.location.column}`;
}
