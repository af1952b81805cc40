// Each rule shown to fire on the repository's own spec and collection: copy both, break them
// in the rule's way by editing the JSON text, and expect exactly that rule at the edited line.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { runCheck } from '../../contracts/lib/engine';
import { stopAllPrism } from '../../contracts/lib/prism';

type FileName = 'spec.json' | 'collection.json';

interface Files {
  spec: string;
  collection: string;
}

interface Located {
  rule: string;
  file: FileName;
  line: number;
}

interface Breakage {
  /** "<rule> fires when …" */
  name: string;
  break(files: Files): Files;
  /** The findings expected, computed on the broken text. */
  expected(broken: Files): Located[];
  live?: boolean;
  exit?: 1 | 2;
}

const ROOT = join(__dirname, '..', '..');
const REAL: Files = {
  spec: readFileSync(join(ROOT, 'spec', 'openapi.json'), 'utf8'),
  collection: readFileSync(join(ROOT, 'collection', 'PixCrawler_Frontend_Mock.json'), 'utf8'),
};

const GET_ME = '"/api/v1/auth/me": {';
const ME_REQUEST = '"name": "Get current user"';

// 1. Text helpers: find a needle after a chain of anchors, so an edit and its line agree.

/** The offset of the last string of `path`, each searched after the one before. */
function find(text: string, path: string[]): number {
  let from = 0;
  let at = -1;
  for (const part of path) {
    at = text.indexOf(part, from);
    if (at < 0)
      throw new Error(
        `Cannot find ${JSON.stringify(part)} after ${JSON.stringify(path.slice(0, path.indexOf(part)))}.`,
      );
    from = at + part.length;
  }
  return at;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function lineOf(text: string, path: string[]): number {
  return lineAt(text, find(text, path));
}

/** Replaces the last string of `path` (found after the others) with `replacement`. */
function replace(text: string, path: string[], replacement: string): string {
  const at = find(text, path);
  return text.slice(0, at) + replacement + text.slice(at + (path.at(-1) ?? '').length);
}

// 2. The breakages.

const breakages: Breakage[] = [
  {
    name: 'unusable-input fires when the collection has a trailing comma',
    break: ({ spec, collection }) => ({
      spec,
      collection: replace(
        collection,
        ['"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"'],
        '"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",',
      ),
    }),
    expected: ({ collection }) => [
      {
        rule: 'unusable-input',
        file: 'collection.json',
        line: lineOf(collection, ['"schema": "https://schema.getpostman.com']),
      },
    ],
    exit: 2,
  },
  {
    name: 'success-only fires when an operation declares a 404 response',
    break: ({ spec, collection }) => ({
      spec: replace(
        spec,
        [GET_ME, '"responses": {'],
        '"responses": {\n          "404": { "description": "Not found" },',
      ),
      collection,
    }),
    expected: ({ spec }) => [
      { rule: 'success-only', file: 'spec.json', line: lineOf(spec, [GET_ME, '"404"']) },
    ],
  },
  {
    name: 'envelope fires when an example and its schema gain a top-level key beside "data"',
    break: ({ spec, collection }) => {
      const schema = replace(
        spec,
        ['"UserEnvelope": {', '"properties": {'],
        '"properties": {\n          "links": { "type": "object" },',
      );
      return {
        spec: replace(
          schema,
          [GET_ME, '"value": {'],
          '"value": {\n                      "links": { "self": "/api/v1/auth/me" },',
        ),
        collection,
      };
    },
    expected: ({ spec }) => [
      { rule: 'envelope', file: 'spec.json', line: lineOf(spec, [GET_ME, '"value": {']) },
    ],
  },
  {
    name: 'envelope fires when a success response declares no content',
    break: ({ spec, collection }) => ({
      spec: replace(
        spec,
        [GET_ME, '"responses": {'],
        '"responses": {\n          "201": { "description": "Created" },',
      ),
      collection,
    }),
    expected: ({ spec }) => [
      { rule: 'envelope', file: 'spec.json', line: lineOf(spec, [GET_ME, '"201"']) },
    ],
  },
  {
    // With an offset: without one, example-schema would also fire, as "date-time" needs an offset.
    name: 'iso-timestamp fires when an example timestamp uses a space instead of "T"',
    break: ({ spec, collection }) => ({
      spec: replace(
        spec,
        [GET_ME, '"created_at": "2024-11-01T09:00:00Z"'],
        '"created_at": "2024-11-01 09:00:00Z"',
      ),
      collection,
    }),
    expected: ({ spec }) => [
      { rule: 'iso-timestamp', file: 'spec.json', line: lineOf(spec, [GET_ME, '"value": {']) },
    ],
  },
  {
    name: 'pagination fires when a first page claims more items than it holds',
    break: ({ spec, collection }) => ({
      spec: replace(spec, ['"/api/v1/projects/": {', '"total": 3,'], '"total": 30,'),
      collection,
    }),
    expected: ({ spec }) => [
      {
        rule: 'pagination',
        file: 'spec.json',
        line: lineOf(spec, ['"/api/v1/projects/": {', '"value": {']),
      },
    ],
  },
  {
    name: 'coverage-missing-request fires when the only request of an operation is deleted',
    break: ({ spec, collection }) => {
      const document = JSON.parse(collection) as {
        item: Array<{ item?: Array<{ name: string }> }>;
      };
      for (const folder of document.item)
        folder.item = folder.item?.filter(item => item.name !== 'Detailed health check');
      return { spec, collection: `${JSON.stringify(document, null, 2)}\n` };
    },
    expected: ({ spec }) => [
      {
        rule: 'coverage-missing-request',
        file: 'spec.json',
        line: lineOf(spec, ['"/api/v1/health/detailed": {', '"get": {']),
      },
    ],
  },
  {
    // The moved request was the operation's only one, so the operation is uncovered too.
    name: 'orphan-request fires, with coverage-missing-request, when a request calls a path the spec lacks',
    break: ({ spec, collection }) => {
      const raw = replace(
        collection,
        [ME_REQUEST, '"raw": "{{baseUrl}}/auth/me"'],
        '"raw": "{{baseUrl}}/auth/profile"',
      );
      return { spec, collection: replace(raw, [ME_REQUEST, '"me"'], '"profile"') };
    },
    expected: ({ spec, collection }) => [
      {
        rule: 'orphan-request',
        file: 'collection.json',
        line: lineOf(collection, [ME_REQUEST, '"url": {']),
      },
      {
        rule: 'coverage-missing-request',
        file: 'spec.json',
        line: lineOf(spec, [GET_ME, '"get": {']),
      },
    ],
  },
  {
    // As above: the request was the only GET of its path.
    name: 'method-mismatch fires, with coverage-missing-request, when a request changes its method',
    break: ({ spec, collection }) => ({
      spec,
      collection: replace(collection, [ME_REQUEST, '"method": "GET"'], '"method": "PUT"'),
    }),
    expected: ({ spec, collection }) => [
      {
        rule: 'method-mismatch',
        file: 'collection.json',
        line: lineOf(collection, [ME_REQUEST, '"method": "PUT"']),
      },
      {
        rule: 'coverage-missing-request',
        file: 'spec.json',
        line: lineOf(spec, [GET_ME, '"get": {']),
      },
    ],
  },
  {
    name: 'url-consistency fires when url.path and url.raw disagree',
    break: ({ spec, collection }) => ({
      spec,
      collection: replace(collection, [ME_REQUEST, '"me"'], '"mee"'),
    }),
    expected: ({ collection }) => [
      {
        rule: 'url-consistency',
        file: 'collection.json',
        line: lineOf(collection, [ME_REQUEST, '"raw": "{{baseUrl}}/auth/me"']),
      },
    ],
  },
  {
    // One fault, two rules: the URL leaves {{baseUrl}} and the machine at once.
    name: 'base-url-variable and non-loopback-url fire when a request hard-codes a public host',
    break: ({ spec, collection }) => {
      const raw = replace(
        collection,
        [ME_REQUEST, '"raw": "{{baseUrl}}/auth/me"'],
        '"raw": "http://api.example.com/api/v1/auth/me"',
      );
      const host = replace(raw, [ME_REQUEST, '"{{baseUrl}}"'], '"api.example.com"');
      return { spec, collection: replace(host, [ME_REQUEST, '"auth",'], '"api", "v1", "auth",') };
    },
    expected: ({ collection }) => [
      {
        rule: 'base-url-variable',
        file: 'collection.json',
        line: lineOf(collection, [ME_REQUEST, '"url": {']),
      },
      {
        rule: 'non-loopback-url',
        file: 'collection.json',
        line: lineOf(collection, [ME_REQUEST, '"url": {']),
      },
    ],
  },
  {
    name: 'base-url-variable fires alone when a request hard-codes the loopback host',
    break: ({ spec, collection }) => {
      const raw = replace(
        collection,
        [ME_REQUEST, '"raw": "{{baseUrl}}/auth/me"'],
        '"raw": "http://localhost/api/v1/auth/me"',
      );
      const host = replace(raw, [ME_REQUEST, '"{{baseUrl}}"'], '"localhost"');
      return { spec, collection: replace(host, [ME_REQUEST, '"auth",'], '"api", "v1", "auth",') };
    },
    expected: ({ collection }) => [
      {
        rule: 'base-url-variable',
        file: 'collection.json',
        line: lineOf(collection, [ME_REQUEST, '"url": {']),
      },
    ],
  },
  {
    name: 'non-loopback-url fires alone when a request variable points {{baseUrl}} at a public host',
    break: ({ spec, collection }) => ({
      spec,
      collection: replace(
        collection,
        [`${ME_REQUEST},`],
        `${ME_REQUEST},\n          "variable": [{ "key": "baseUrl", "value": "https://api.example.com/api/v1" }],`,
      ),
    }),
    expected: ({ collection }) => [
      {
        rule: 'non-loopback-url',
        file: 'collection.json',
        line: lineOf(collection, [ME_REQUEST, '"url": {']),
      },
    ],
  },
  {
    name: 'content-type fires when a JSON body is sent as text/plain',
    break: ({ spec, collection }) => ({
      spec,
      collection: replace(
        collection,
        ['"name": "Create project"', '"key": "Content-Type",', '"value": "application/json"'],
        '"value": "text/plain"',
      ),
    }),
    expected: ({ collection }) => {
      const key = find(collection, ['"name": "Create project"', '"key": "Content-Type",']);
      return [
        {
          rule: 'content-type',
          file: 'collection.json',
          line: lineAt(collection, collection.lastIndexOf('{', key)),
        },
      ];
    },
  },
  {
    name: 'request-schema fires when a request body sends a string where the schema wants an integer',
    break: ({ spec, collection }) => ({
      spec,
      collection: replace(
        collection,
        ['"name": "Create crawl job"', '\\"max_images\\": 1000'],
        '\\"max_images\\": \\"1000\\"',
      ),
    }),
    expected: ({ collection }) => [
      {
        rule: 'request-schema',
        file: 'collection.json',
        line: lineOf(collection, ['"name": "Create crawl job"', '"mode": "raw"', '"raw": ']),
      },
    ],
  },
  {
    name: 'example-schema fires when a named example breaks its schema',
    break: ({ spec, collection }) => ({
      spec: replace(spec, [GET_ME, '"is_active": true'], '"is_active": "yes"'),
      collection,
    }),
    expected: ({ spec }) => [
      { rule: 'example-schema', file: 'spec.json', line: lineOf(spec, [GET_ME, '"value": {']) },
    ],
  },
  {
    name: 'saved-response-schema fires when a saved response gains a field its schema forbids',
    break: ({ spec, collection }) => ({
      spec,
      collection: replace(
        collection,
        [ME_REQUEST, '"response": [', '\\"is_active\\": true,'],
        '\\"is_active\\": true,\\n    \\"internal_notes\\": \\"vip\\",',
      ),
    }),
    expected: ({ collection }) => [
      {
        rule: 'saved-response-schema',
        file: 'collection.json',
        line: lineOf(collection, [ME_REQUEST, '"response": [', '"body": ']),
      },
    ],
  },
  {
    // Prism serves the broken example as it is, so the live answer breaks the schema too.
    name: 'response-schema fires, with example-schema, when Prism serves an example that breaks its schema',
    break: ({ spec, collection }) => ({
      spec: replace(spec, [GET_ME, '"is_active": true'], '"is_active": "yes"'),
      collection,
    }),
    expected: ({ spec }) => [
      { rule: 'example-schema', file: 'spec.json', line: lineOf(spec, [GET_ME, '"value": {']) },
      { rule: 'response-schema', file: 'spec.json', line: lineOf(spec, [GET_ME, '"schema": {']) },
    ],
    live: true,
  },
];

// 3. The runs.

const folders: string[] = [];

async function check(
  files: Files,
  live = false,
): Promise<{ exitCode: number; found: Located[]; messages: string[] }> {
  const folder = mkdtempSync(join(tmpdir(), 'contract-real-'));
  folders.push(folder);
  writeFileSync(join(folder, 'spec.json'), files.spec);
  writeFileSync(join(folder, 'collection.json'), files.collection);
  const result = await runCheck({
    specPath: join(folder, 'spec.json'),
    collectionPath: join(folder, 'collection.json'),
    static: !live,
  });
  return {
    exitCode: result.exitCode,
    found: result.findings.map(finding => ({
      rule: finding.rule,
      file: basename(finding.file) as FileName,
      line: finding.line,
    })),
    messages: result.findings.map(
      finding => `${finding.rule} ${finding.file}:${finding.line} ${finding.message}`,
    ),
  };
}

const byPlace = (a: Located, b: Located): number =>
  a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule);

jest.setTimeout(60_000);

afterAll(async () => {
  folders.forEach(folder => rmSync(folder, { recursive: true, force: true }));
  await stopAllPrism();
});

test('accepts the unbroken spec and collection with no finding', async () => {
  const { exitCode, messages } = await check(REAL);
  expect(messages).toEqual([]);
  expect(exitCode).toBe(0);
});

test.each(breakages.map(breakage => [breakage.name, breakage] as const))(
  '%s',
  async (_name, breakage) => {
    const broken = breakage.break(REAL);
    expect(broken).not.toEqual(REAL);

    const { exitCode, found, messages } = await check(broken, breakage.live);
    expect({ found: [...found].sort(byPlace), messages }).toEqual({
      found: breakage.expected(broken).sort(byPlace),
      messages: expect.any(Array),
    });
    expect(exitCode).toBe(breakage.exit ?? 1);
  },
);
