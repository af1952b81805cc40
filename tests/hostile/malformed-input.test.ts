// Hostile and broken input, through the CLI as CI runs it: every malformed spec or collection
// ends in exit 2 with the file, the line and column, and one sentence of advice, quickly and
// without a stack trace. Big, deep, binary and special files are made in a temp folder here.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { runCheck } from '../../contracts/lib/engine';
import { MAX_INPUT_BYTES } from '../../contracts/lib/json-source';
import { REPO_ROOT, runCli, STACK_FRAME } from '../support/run-cli';
import type { CliResult } from '../support/run-cli';

jest.setTimeout(60_000);

const FIXTURES = path.join(__dirname, 'fixtures');
const fixture = (name: string): string => path.relative(REPO_ROOT, path.join(FIXTURES, name));
const GOOD_SPEC = fixture('spec-health.json');
const GOOD_COLLECTION = fixture('collection-health.json');

interface MalformedCase {
  name: string;
  /** Which document is broken; the other one is a small valid fixture. */
  role: 'spec' | 'collection';
  /** Path given to the CLI (relative to the repository, or absolute for temp files). */
  file: () => string;
  /** Where the problem is; omitted when a position makes no sense (a missing file). */
  at?: {
    line: number;
    column: number;
    /** A size has no position: only the report's prefix shows 1:1. */ onlyInPrefix?: boolean;
  };
  problem: RegExp;
  advice: RegExp;
  /** Refused before parsing: the CLI must answer within this many ms. */
  fastMs?: number;
}

let tmp = '';
const inTmp = (name: string): string => path.join(tmp, name);

const CASES: MalformedCase[] = [
  // Syntax.
  {
    name: 'trailing comma',
    role: 'spec',
    file: () => fixture('spec-trailing-comma.json'),
    at: { line: 4, column: 14 },
    problem: /trailing comma/,
    advice: /fix the syntax/,
  },
  {
    name: 'trailing comma in a collection',
    role: 'collection',
    file: () => fixture('collection-trailing-comma.json'),
    at: { line: 7, column: 86 },
    problem: /trailing comma/,
    advice: /fix the syntax/,
  },
  {
    name: 'truncated file',
    role: 'spec',
    file: () => fixture('spec-truncated.json'),
    at: { line: 7, column: 9 },
    problem: /not closed|ends too early/,
    advice: /fix the syntax/,
  },
  {
    name: 'truncated after a comma',
    role: 'spec',
    file: () => inTmp('truncated-after-comma.json'),
    at: { line: 2, column: 22 },
    problem: /ends too early|truncated|trailing comma/,
    advice: /fix the syntax/,
  },
  {
    name: 'duplicate key',
    role: 'spec',
    file: () => fixture('spec-duplicate-key.json'),
    at: { line: 5, column: 3 },
    problem: /key "openapi" appears twice/,
    advice: /keep one of them/,
  },
  {
    name: 'empty file',
    role: 'spec',
    file: () => inTmp('empty.json'),
    at: { line: 1, column: 1 },
    problem: /empty/,
    advice: /export the document again/,
  },
  {
    name: 'whitespace only',
    role: 'collection',
    file: () => inTmp('blank.json'),
    at: { line: 1, column: 1 },
    problem: /empty/,
    advice: /export the document again/,
  },
  {
    name: 'comments',
    role: 'spec',
    file: () => inTmp('comments.json'),
    at: { line: 2, column: 3 },
    problem: /comment/i,
    advice: /no comments/,
  },
  // Wrong kind of document.
  {
    name: 'top level is an array',
    role: 'spec',
    file: () => fixture('spec-top-level-array.json'),
    at: { line: 1, column: 1 },
    problem: /top level is an array/,
    advice: /pass the OpenAPI document itself/,
  },
  {
    name: 'top level is a string',
    role: 'spec',
    file: () => fixture('spec-top-level-string.json'),
    at: { line: 1, column: 1 },
    problem: /top level is a string/,
    advice: /pass the OpenAPI document itself/,
  },
  {
    name: 'top level is a number',
    role: 'spec',
    file: () => fixture('spec-top-level-number.json'),
    at: { line: 1, column: 1 },
    problem: /top level is a number/,
    advice: /pass the OpenAPI document itself/,
  },
  {
    name: 'collection top level is an array',
    role: 'collection',
    file: () => fixture('collection-top-level-array.json'),
    at: { line: 1, column: 1 },
    problem: /top level is an array/,
    advice: /export the collection again/,
  },
  {
    name: 'Postman v1 collection',
    role: 'collection',
    file: () => fixture('collection-v1.json'),
    at: { line: 1, column: 1 },
    problem: /v1 format/,
    advice: /export it again .*Collection v2\.1/,
  },
  {
    name: 'collection without info.schema',
    role: 'collection',
    file: () => fixture('collection-no-schema.json'),
    at: { line: 2, column: 3 },
    problem: /info\.schema/,
    advice: /export it again/,
  },
  {
    name: 'Swagger 2.0',
    role: 'spec',
    file: () => fixture('spec-swagger2.json'),
    at: { line: 1, column: 1 },
    problem: /must declare "openapi"/,
    advice: /convert Swagger 2\.0 to OpenAPI 3\.1/,
  },
  {
    name: 'random JSON, not OpenAPI',
    role: 'spec',
    file: () => fixture('spec-random.json'),
    at: { line: 1, column: 1 },
    problem: /must declare "openapi"/,
    advice: /declare "openapi": "3\.1\.0"/,
  },
  {
    name: 'unsupported openapi version',
    role: 'spec',
    file: () => fixture('spec-openapi-2x.json'),
    at: { line: 2, column: 3 },
    problem: /declares OpenAPI "2\.0"/,
    advice: /only 3\.0\.x and 3\.1\.x/,
  },
  // References.
  {
    name: 'unresolvable $ref',
    role: 'spec',
    file: () => fixture('spec-ref-unresolvable.json'),
    at: { line: 12, column: 29 },
    problem: /points at nothing/,
    advice: /fix the target or define it/,
  },
  {
    name: 'external $ref to a file',
    role: 'spec',
    file: () => fixture('spec-ref-external-file.json'),
    at: { line: 12, column: 29 },
    problem: /external \$ref "other\.json#/,
    advice: /bundle the referenced file/,
  },
  {
    name: 'external $ref over http',
    role: 'spec',
    file: () => fixture('spec-ref-external-http.json'),
    at: { line: 12, column: 29 },
    problem: /external \$ref "http:\/\/example\.com/,
    advice: /bundle the referenced file/,
  },
  {
    name: '$ref with a broken %-escape',
    role: 'spec',
    file: () => fixture('spec-ref-broken-escape.json'),
    at: { line: 12, column: 29 },
    problem: /broken %-escape/,
    advice: /valid percent-encoding/,
  },
  {
    name: 'a schema that is not JSON Schema',
    role: 'spec',
    file: () => fixture('spec-invalid-schema.json'),
    at: { line: 31, column: 23 },
    problem:
      /\/components\/schemas\/Health\/properties\/status\/type that is not valid JSON Schema/,
    advice: /fix that keyword/,
  },
  // Size, depth, encoding.
  {
    name: 'a 50 MB file',
    role: 'spec',
    file: () => inTmp('big.json'),
    at: { line: 1, column: 1, onlyInPrefix: true },
    problem: /50\.0 MB, more than the 20 MB/,
    advice: /split it or remove embedded data/,
    fastMs: 5_000,
  },
  {
    name: '100000 "[" (unclosed)',
    role: 'spec',
    file: () => inTmp('deep-open.json'),
    at: { line: 1, column: 257 },
    problem: /nesting is deeper than 256/,
    advice: /flatten the document/,
    fastMs: 5_000,
  },
  {
    name: '100000 nested objects (closed)',
    role: 'collection',
    file: () => inTmp('deep-objects.json'),
    at: { line: 1, column: 1281 },
    problem: /nesting is deeper than 256/,
    advice: /flatten the document/,
    fastMs: 5_000,
  },
  {
    name: 'invalid UTF-8 inside a string',
    role: 'spec',
    file: () => inTmp('latin1.json'),
    at: { line: 3, column: 25 },
    problem: /not UTF-8/,
    advice: /save it as UTF-8/,
  },
  {
    name: 'UTF-16 with a byte-order mark',
    role: 'collection',
    file: () => inTmp('utf16.json'),
    at: { line: 1, column: 1 },
    problem: /not UTF-8/,
    advice: /save it as UTF-8/,
  },
  {
    name: 'binary garbage',
    role: 'spec',
    file: () => inTmp('garbage.bin'),
    problem: /not UTF-8|not valid JSON/,
    advice: /save it as UTF-8|fix the syntax/,
  },
  {
    name: 'valid UTF-8 that is not JSON',
    role: 'spec',
    file: () => inTmp('prose.json'),
    at: { line: 1, column: 1 },
    problem: /not allowed here|value was expected/,
    advice: /fix the syntax/,
  },
  // Not a readable file.
  {
    name: 'missing file',
    role: 'spec',
    file: () => inTmp('no-such-file.json'),
    problem: /no such file/,
    advice: /check the path/,
  },
  {
    name: 'a directory',
    role: 'collection',
    file: () => inTmp('a-folder'),
    problem: /folder, not a file/,
    advice: /pass the path of the JSON file/,
  },
  {
    name: 'a symlink to /dev/zero (never ends)',
    role: 'spec',
    file: () => inTmp('zero.json'),
    problem: /not a regular file/,
    advice: /pass the path of a JSON file/,
    fastMs: 5_000,
  },
  {
    name: 'a named pipe (never opens)',
    role: 'collection',
    file: () => inTmp('fifo.json'),
    problem: /not a regular file/,
    advice: /pass the path of a JSON file/,
    fastMs: 5_000,
  },
];

function makeTempInputs(): void {
  tmp = mkdtempSync(path.join(tmpdir(), 'pixcrawler-hostile-'));
  writeFileSync(inTmp('empty.json'), '');
  writeFileSync(inTmp('blank.json'), ' \n\t\n');
  writeFileSync(inTmp('truncated-after-comma.json'), '{\n  "openapi": "3.1.0",');
  writeFileSync(inTmp('comments.json'), '{\n  // exported by hand\n  "openapi": "3.1.0"\n}\n');
  // 50 MB that take no disk (sparse: a JSON head, then zeros): only the size can refuse it this
  // fast, and a run interrupted before afterAll leaves nothing big behind.
  writeFileSync(
    inTmp('big.json'),
    '{"openapi":"3.1.0","info":{"title":"big","version":"1"},"paths":{},"x-padding":"',
  );
  truncateSync(inTmp('big.json'), 50 * 1024 * 1024);
  writeFileSync(inTmp('deep-open.json'), '['.repeat(100_000));
  writeFileSync(inTmp('deep-objects.json'), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000));
  // "café" written in Latin-1: the 0xE9 byte is not UTF-8. Line 3, column 25, after `"caf`.
  writeFileSync(
    inTmp('latin1.json'),
    Buffer.concat([
      Buffer.from('{\n  "openapi": "3.1.0",\n  "info": {"title": "caf'),
      Buffer.from([0xe9]),
      Buffer.from('", "version": "1"},\n  "paths": {}\n}\n'),
    ]),
  );
  writeFileSync(
    inTmp('utf16.json'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"info": {}}', 'utf16le')]),
  );
  writeFileSync(inTmp('garbage.bin'), seededBytes(4096, 0x5eed));
  writeFileSync(inTmp('prose.json'), 'This is not JSON at all.\n');
  mkdirSync(inTmp('a-folder'));
  symlinkSync('/dev/zero', inTmp('zero.json'));
  execFileSync('mkfifo', [inTmp('fifo.json')]);
}

function seededBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

/** Sentences in a message, not counting dots inside quoted names, versions and numbers. */
function countSentences(message: string): number {
  return (message.replace(/"[^"]*"/g, '""').match(/[.?!](?=\s|$)/g) ?? []).length;
}

function argsFor(testCase: MalformedCase, format = 'text'): string[] {
  const spec = testCase.role === 'spec' ? testCase.file() : GOOD_SPEC;
  const collection = testCase.role === 'collection' ? testCase.file() : GOOD_COLLECTION;
  return ['--spec', spec, '--collection', collection, '--static', '--format', format];
}

// Every CLI run happens once, two at a time, before the assertions.
const textRuns = new Map<string, CliResult>();
const jsonRuns = new Map<string, CliResult>();

async function runAll(): Promise<void> {
  const jobs: Array<() => Promise<void>> = [];
  for (const testCase of CASES) {
    jobs.push(
      async () =>
        void textRuns.set(testCase.name, await runCli(argsFor(testCase), { timeoutMs: 30_000 })),
    );
    jobs.push(
      async () =>
        void jsonRuns.set(
          testCase.name,
          await runCli(argsFor(testCase, 'json'), { timeoutMs: 30_000 }),
        ),
    );
  }
  const workers = Array.from({ length: 3 }, async () => {
    for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) await job();
  });
  await Promise.all(workers);
}

beforeAll(async () => {
  makeTempInputs();
  await runAll();
}, 120_000);

afterAll(() => {
  if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
});

describe.each(CASES)('malformed input: $name', testCase => {
  test('ends in exit 2, quickly, with no stack trace', () => {
    const run = textRuns.get(testCase.name) as CliResult;
    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(2);
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(STACK_FRAME);
    expect(run.stderr).not.toMatch(/failed unexpectedly|Error:/);
    if (testCase.fastMs !== undefined) expect(run.durationMs).toBeLessThan(testCase.fastMs);
  });

  test('names the file, the line and column, the problem and one sentence of advice', () => {
    const run = textRuns.get(testCase.name) as CliResult;
    const shown = testCase.file();
    const line = run.stdout.split('\n').find(text => text.includes('unusable-input:')) ?? '';
    expect(line).toContain(`"${shown}"`);
    if (testCase.at !== undefined) {
      expect(
        line.startsWith(`${shown}:${testCase.at.line}:${testCase.at.column} unusable-input: `),
      ).toBe(true);
      if (testCase.at.onlyInPrefix !== true)
        expect(line).toContain(`line ${testCase.at.line}, column ${testCase.at.column}`);
    }
    const message = line.slice(line.indexOf('unusable-input: ') + 'unusable-input: '.length);
    expect(message).toMatch(testCase.problem);
    expect(message).toMatch(testCase.advice);
    expect(countSentences(message)).toBe(1);
  });

  test('--format json prints one JSON object with the same finding', () => {
    const run = jsonRuns.get(testCase.name) as CliResult;
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as {
      findings: Array<Record<string, unknown>>;
      summary: { exitCode: number };
    };
    expect(report.summary.exitCode).toBe(2);
    const finding = report.findings.find(entry => entry.rule === 'unusable-input');
    expect(finding).toMatchObject({ severity: 'error', file: testCase.file() });
    if (testCase.at !== undefined)
      expect(finding).toMatchObject({ line: testCase.at.line, column: testCase.at.column });
    expect(String(finding?.message)).toMatch(testCase.advice);
  });
});

describe('command line misuse', () => {
  test.each([
    ['an unknown --format', ['--format', 'xml', '--static'], /Expected --format to be one of/],
    ['an empty --format', ['--format', '', '--static'], /Expected --format to be one of/],
    ['an unknown flag', ['--static', '--bogus'], /Unknown option '--bogus'/],
    ['a stray positional argument', ['--static', 'spec/openapi.json'], /positional argument/i],
    ['--spec without a value', ['--static', '--spec'], /--spec/],
    [
      '--spec without --collection',
      ['--static', '--spec', 'spec/openapi.json'],
      /Expected --collection too/,
    ],
  ])('%s ends in exit 2 with the usage on stderr', async (_name, args, problem) => {
    const run = await runCli(args);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(problem);
    expect(run.stderr).toMatch(/^Usage: npm run check -- /m);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('__proto__, constructor and prototype keys stay data', () => {
  const polluted = (): unknown => (Object.prototype as Record<string, unknown>)['polluted'];

  test('in process: the documents load and check, and Object.prototype is untouched', async () => {
    const result = await runCheck({
      specPath: path.join(FIXTURES, 'spec-proto.json'),
      collectionPath: path.join(FIXTURES, 'collection-proto.json'),
      static: true,
    });
    expect([0, 1]).toContain(result.exitCode);
    expect(result.toolError).toBeUndefined();
    expect(polluted()).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(result.findings)).toBe(Array.prototype);
  });

  test('through the CLI: no crash, exit 0 or 1', async () => {
    const run = await runCli([
      '--spec',
      fixture('spec-proto.json'),
      '--collection',
      fixture('collection-proto.json'),
      '--static',
    ]);
    expect([0, 1]).toContain(run.exitCode);
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(STACK_FRAME);
  });
});

test('the size limit is the documented 20 MB', () => {
  expect(MAX_INPUT_BYTES).toBe(20 * 1024 * 1024);
});
