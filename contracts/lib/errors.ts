// Failures of the tool itself, as opposed to findings about the documents it checks.
// Findings are data and never thrown; these errors end a run with exit code 2.

export type ToolErrorCode =
  'input-unreadable' | 'input-invalid' | 'prism-not-ready' | 'prism-exited' | 'prism-timeout';

export interface ToolErrorDetails {
  /** The file the failure is about, when there is one. */
  file?: string;
  line?: number;
  column?: number;
  /** JSON Pointer inside the file, when known. */
  pointer?: string;
  /** The last lines a child process printed, for failures of Prism. */
  outputTail?: string;
  cause?: unknown;
}

export class ToolError extends Error {
  override readonly name = 'ToolError';
  readonly code: ToolErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly pointer?: string;
  readonly outputTail?: string;

  constructor(code: ToolErrorCode, message: string, details: ToolErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.pointer = details.pointer;
    this.outputTail = details.outputTail;
  }
}

export const isToolError = (error: unknown): error is ToolError => error instanceof ToolError;
