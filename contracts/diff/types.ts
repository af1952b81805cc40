// The data model of a spec comparison. Kinds are public (JSON output, tests); keep them stable.

export const BREAKING_KINDS = [
  'operation-removed',
  'response-field-removed',
  'field-type-changed',
  'enum-value-removed',
  'field-became-nullable',
  'request-field-required',
  'parameter-required',
] as const;

export const NOTE_KINDS = [
  'operation-added',
  'field-added',
  'enum-value-added',
  'parameter-added',
  'field-type-widened',
  'field-now-optional',
  'request-field-removed',
  'parameter-removed',
  'media-type-changed',
  'response-status-changed',
] as const;

export type BreakingKind = (typeof BREAKING_KINDS)[number];
export type NoteKind = (typeof NOTE_KINDS)[number];
export type ChangeKind = BreakingKind | NoteKind;

export interface ChangeLocation {
  file: string;
  line: number;
  column: number;
  pointer: string;
}

/** One difference between the base spec and the new one, located in the new spec. */
export interface SpecChange {
  kind: ChangeKind;
  breaking: boolean;
  /** One sentence naming the field or operation and the operations it affects. */
  message: string;
  /** Where to look in the new spec (for removals: the nearest place that still exists). */
  location: ChangeLocation;
  /** Where the removed thing was in the base spec; set for removals. */
  previous?: ChangeLocation;
  /** Every "METHOD /path" the change reaches, aliases included. */
  operations: string[];
}

export interface SpecDiff {
  breaking: SpecChange[];
  notes: SpecChange[];
}

/** A change as the walkers see it, before locating and de-duplicating. */
export interface RawChange {
  kind: ChangeKind;
  /** What changed, without the operation (added when messages are built). */
  detail: string;
  /** Pointer into the new spec. */
  pointer: string;
  /** Pointer into the base spec, for removals. */
  previousPointer?: string;
  operation: string;
  /** "request body", "200 response", "query parameter" … */
  part: string;
}

export function isBreakingKind(kind: ChangeKind): kind is BreakingKind {
  return (BREAKING_KINDS as readonly string[]).includes(kind);
}
