import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';

import { ToolError } from './errors';
import { parsePointer } from './pointer';

// Inputs larger or deeper than this are refused before parsing: the check must answer in
// seconds and must not exhaust the stack on hostile input.
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;
export const MAX_NESTING_DEPTH = 256;
const TRAILING_COMMA = 'a trailing comma is not allowed';
const PARSE_OPTIONS = {
  disallowComments: true,
  allowTrailingComma: false,
  allowEmptyContent: false,
};

export interface SourceLocation {
  line: number;
  column: number;
}

/** A JSON document together with a map from JSON Pointers back to lines and columns. */
export interface JsonSource {
  readonly file: string;
  readonly value: unknown;
  locate(pointer: string): SourceLocation;
}

export function loadJsonSource(file: string, what: string): JsonSource {
  let size: number;
  try {
    const stats = statSync(file);
    // A device or pipe (say, a committed symlink to /dev/zero) would never end or never open.
    if (stats.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    if (!stats.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOTFILE' });
    size = stats.size;
  } catch (cause) {
    throw unreadable(file, what, cause);
  }
  if (size > MAX_INPUT_BYTES) {
    const megabytes = (size / 1024 / 1024).toFixed(1);
    throw new ToolError(
      'input-invalid',
      `${what} "${file}" is ${megabytes} MB, more than the ${MAX_INPUT_BYTES / 1024 / 1024} MB this check reads; split it or remove embedded data.`,
      { file, line: 1, column: 1, pointer: '' },
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw unreadable(file, what, cause);
  }
  // JSON is UTF-8 (RFC 8259); decoding anything else would silently turn bytes into U+FFFD.
  if (!isUtf8(bytes)) {
    const { line, column } = locateInvalidUtf8(bytes);
    throw new ToolError(
      'input-invalid',
      `${what} "${file}" is not valid JSON at line ${line}, column ${column}: the file is not UTF-8 text (binary data or another encoding); save it as UTF-8.`,
      { file, line, column },
    );
  }
  return parseJsonSource(bytes.toString('utf8'), file, what);
}

export function parseJsonSource(rawText: string, file: string, what: string): JsonSource {
  // A UTF-8 byte-order mark is allowed by RFC 8259 parsers and written by Windows editors.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const offsetShift = text === rawText ? 0 : 1;
  let lineStarts: number[] | undefined;
  const toLocation = (offset: number): SourceLocation =>
    locateOffset((lineStarts ??= computeLineStarts(rawText)), offset + offsetShift);
  const fail = (offset: number, problem: string, advice: string): never => {
    const { line, column } = toLocation(offset);
    throw new ToolError(
      'input-invalid',
      `${what} "${file}" is not valid JSON at line ${line}, column ${column}: ${problem}; ${advice}.`,
      {
        file,
        line,
        column,
      },
    );
  };

  if (text.trim() === '') fail(0, 'the file is empty', 'export the document again');
  const deepAt = findExcessiveNesting(text);
  if (deepAt !== undefined) {
    fail(deepAt, `nesting is deeper than ${MAX_NESTING_DEPTH} levels`, 'flatten the document');
  }

  // Fast path: strict JSON without repeated keys parses natively, and its syntax tree, needed
  // only to locate findings, is built on the first call to locate().
  const strict = parseStrictJson(text);
  if (strict !== undefined) {
    let lazyTree: JsonNode | undefined;
    return {
      file,
      value: strict.value,
      locate: pointer =>
        locateInTree(
          (lazyTree ??= parseTree(text, [], PARSE_OPTIONS) as JsonNode),
          pointer,
          toLocation,
        ),
    };
  }

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, PARSE_OPTIONS);
  const firstError = errors[0];
  if (firstError !== undefined || root === undefined) {
    const offset = firstError?.offset ?? 0;
    const code = firstError === undefined ? 'ValueExpected' : printParseErrorCode(firstError.error);
    const problem = describeParseError(code, text, offset);
    // The parser stops at the bracket after a trailing comma; point at the comma itself.
    const at =
      problem === TRAILING_COMMA ? Math.max(0, text.slice(0, offset).trimEnd().length - 1) : offset;
    fail(at, problem, 'fix the syntax (strict JSON: no comments, no trailing commas)');
  }
  const tree = root as JsonNode;
  const duplicate = findDuplicateKey(tree);
  if (duplicate !== undefined) {
    fail(
      duplicate.offset,
      `the key "${duplicate.key}" appears twice in the same object`,
      'keep one of them',
    );
  }

  return { file, value: toValue(tree), locate: pointer => locateInTree(tree, pointer, toLocation) };
}

// JSON.parse keeps the last of repeated keys silently, so they are looked for first; undefined
// sends the text down the slow path, which reports exactly what is wrong.
function parseStrictJson(text: string): { value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return hasRepeatedKey(text) ? undefined : { value };
}

// Scans text that JSON.parse accepted: a string right after "{" or "," inside an object is a key.
function hasRepeatedKey(text: string): boolean {
  const frames: Array<Set<string> | undefined> = [];
  let previous = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (char === '"') {
      const start = index;
      for (index++; text[index] !== '"'; index++) if (text[index] === '\\') index++;
      const keys = frames[frames.length - 1];
      if (keys !== undefined && (previous === '{' || previous === ',')) {
        const raw = text.slice(start + 1, index);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (keys.has(key)) return true;
        keys.add(key);
      }
      previous = '"';
    } else if (char === '{' || char === '[') {
      frames.push(char === '{' ? new Set() : undefined);
      previous = char;
    } else if (char === '}' || char === ']') {
      frames.pop();
      previous = char;
    } else if (char === ',' || char === ':') {
      previous = char;
    }
  }
  return false;
}

function locateInTree(
  tree: JsonNode,
  pointer: string,
  toLocation: (offset: number) => SourceLocation,
): SourceLocation {
  const node = findClosestNode(tree, parsePointer(pointer));
  // A property's location is its key, which is where an editor should put the cursor.
  const anchor = node.parent?.type === 'property' ? node.parent : node;
  return toLocation(anchor.offset);
}

/** Ends the run on a document that parses but cannot be used, pointing at the offending place. */
export function rejectInput(
  source: JsonSource,
  what: string,
  pointer: string,
  problem: string,
): never {
  const { line, column } = source.locate(pointer);
  throw new ToolError(
    'input-invalid',
    `${what} "${source.file}" ${problem} (line ${line}, column ${column}).`,
    {
      file: source.file,
      line,
      column,
      pointer,
    },
  );
}

function findClosestNode(tree: JsonNode, segments: string[]): JsonNode {
  for (let length = segments.length; length > 0; length--) {
    const path = segments
      .slice(0, length)
      .map(segment => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
    const node = findNodeAtLocation(tree, path);
    if (node !== undefined) return node;
    // jsonc-parser reads a numeric segment as an array index only; retry it as an object key.
    const asKeys = findNodeAtLocation(tree, segments.slice(0, length));
    if (asKeys !== undefined) return asKeys;
  }
  return tree;
}

// Builds the plain value from the tree. Keys are defined, not assigned, so "__proto__" stays data.
function toValue(tree: JsonNode): unknown {
  const convert = (node: JsonNode): unknown => {
    switch (node.type) {
      case 'object': {
        const result: Record<string, unknown> = {};
        for (const property of node.children ?? []) {
          const [keyNode, valueNode] = property.children ?? [];
          if (keyNode !== undefined && valueNode !== undefined) {
            Object.defineProperty(result, String(keyNode.value), {
              value: convert(valueNode),
              enumerable: true,
              writable: true,
              configurable: true,
            });
          }
        }
        return result;
      }
      case 'array':
        return (node.children ?? []).map(convert);
      default:
        return node.value;
    }
  };
  return convert(tree);
}

function findDuplicateKey(tree: JsonNode): { key: string; offset: number } | undefined {
  const pending: JsonNode[] = [tree];
  while (pending.length > 0) {
    const node = pending.pop() as JsonNode;
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const keyNode = property.children?.[0];
        const key = String(keyNode?.value);
        if (seen.has(key)) return { key, offset: keyNode?.offset ?? property.offset };
        seen.add(key);
      }
    }
    for (const child of node.children ?? []) pending.push(child);
  }
  return undefined;
}

function findExcessiveNesting(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth++;
      if (depth > MAX_NESTING_DEPTH) return index;
    } else if (char === '}' || char === ']') {
      depth--;
    }
  }
  return undefined;
}

function describeParseError(code: string, text: string, offset: number): string {
  if (offset >= text.trimEnd().length)
    return 'the document ends too early (is the file truncated?)';
  const found = JSON.stringify(text.slice(offset, offset + 12).split('\n')[0]);
  const readable: Record<string, string> = {
    PropertyNameExpected: 'a property name in double quotes was expected',
    ValueExpected: 'a value was expected',
    CommaExpected: 'a comma was expected',
    ColonExpected: 'a colon was expected',
    CloseBraceExpected: 'a closing "}" was expected',
    CloseBracketExpected: 'a closing "]" was expected',
    EndOfFileExpected: 'the document should end here',
    InvalidSymbol: 'this character is not allowed here',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfString: 'a string is not closed',
    InvalidEscapeCharacter: 'a string has an invalid escape',
    InvalidCharacter: 'a string holds a raw control character',
  };
  const trailingComma =
    /^,\s*[}\]]/.test(text.slice(offset - 1).trimStart()) ||
    /,\s*$/.test(text.slice(0, offset).trimEnd());
  if (trailingComma && (code === 'PropertyNameExpected' || code === 'ValueExpected')) {
    // ",," or ", ," is a doubled comma, not a trailing one.
    if (!/^,?\s*[}\]]/.test(text.slice(offset).trimStart()))
      return 'a value is missing between two commas';
    return TRAILING_COMMA;
  }
  return `${readable[code] ?? code} (found ${found})`;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) === 10) starts.push(index + 1);
  }
  return starts;
}

function locateOffset(lineStarts: number[], offset: number): SourceLocation {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

// Where the first byte that is not UTF-8 sits, counting columns in characters like an editor.
function locateInvalidUtf8(bytes: Buffer): SourceLocation {
  let lineStart = 0;
  let line = 1;
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index] as number;
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte <= 0xdf
          ? 2
          : byte >= 0xe0 && byte <= 0xef
            ? 3
            : byte >= 0xf0 && byte <= 0xf4
              ? 4
              : 0;
    if (length === 0 || index + length > bytes.length) break;
    if (length > 1 && !isUtf8(bytes.subarray(index, index + length))) break;
    if (byte === 10) {
      line++;
      lineStart = index + 1;
    }
    index += length;
  }
  return { line, column: bytes.subarray(lineStart, index).toString('utf8').length + 1 };
}

function unreadable(file: string, what: string, cause: unknown): ToolError {
  const message = `${what} "${file}" cannot be read: ${describeFsError(cause)}.`;
  return new ToolError('input-unreadable', message, { file, cause });
}

function describeFsError(cause: unknown): string {
  const code = (cause as { code?: string }).code;
  if (code === 'ENOENT')
    return 'no such file; check the path (a relative path starts from the folder the check runs in)';
  if (code === 'EISDIR')
    return 'it is a folder, not a file; pass the path of the JSON file inside it';
  if (code === 'ENOTFILE')
    return 'it is not a regular file (a device, pipe or socket); pass the path of a JSON file';
  if (code === 'EACCES')
    return 'permission denied; make the file readable by the user running the check';
  return `${code ?? 'unknown error'}; check that the path names a readable JSON file`;
}
