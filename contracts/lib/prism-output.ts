// Prism's output is kept in small ring buffers and shown only when a failure needs it.

export const TAIL_LINES = 20;

export class LineTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly limit: number) {}

  /** Adds complete lines; a chunk may end mid-line, as pipe reads do. */
  pushChunk(chunk: string): void {
    const pieces = (this.partial + chunk).split(/\r?\n/);
    this.partial = pieces.pop() ?? '';
    for (const line of pieces) this.pushLine(line);
  }

  pushLine(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.limit) this.lines.shift();
  }

  /** The last `count` lines (including an unfinished one) that `keep` accepts. */
  tail(count = TAIL_LINES, keep: (line: string) => boolean = () => true): string {
    const all = this.partial === '' ? this.lines : [...this.lines, this.partial];

    return all.filter(keep).slice(-count).join('\n');
  }
}

/** Appends an output tail to a failure message, indented so it reads as a quotation. */
export function appendTail(message: string, tail: string): string {
  if (tail.trim() === '') return `${message}\nPrism printed nothing.`;

  const quoted = tail
    .split('\n')
    .map(line => `  ${line}`)
    .join('\n');

  return `${message}\nLast lines of Prism's output:\n${quoted}`;
}
