// Seeded fuzz of the static check: the real spec and collection, mutated a few hundred times
// (keys deleted and renamed, types changed, strings truncated or made hostile, arrays swapped
// and shuffled, subtrees moved, characters deleted or inserted in the text), each checked by
// runCheck in this process. Every run must end in exit 0, 1 or 2, with a message for every
// finding, and never with an exception.
//
// Replay a failure with the seed and iteration printed in the assertion message:
//   FUZZ_SEED=<seed> npx jest tests/hostile/fuzz.test.ts                    (the whole run)
//   FUZZ_SEED=<seed> FUZZ_ITERATION=<i> npx jest tests/hostile/fuzz.test.ts  (that one input)
// FUZZ_ITERATIONS=<n> changes how many inputs are tried (default 240). The inputs of a failing
// iteration are kept in the folder the message names.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { runCheck } from '../../contracts/lib/engine';
import type { CheckResult } from '../../contracts/lib/engine';
import { REPO_ROOT } from '../support/run-cli';

const DEFAULT_SEED = 0x5eed2024;
const SEED = parseSeed(process.env['FUZZ_SEED']);
const ITERATIONS = Number(process.env['FUZZ_ITERATIONS'] ?? 240);
const ONLY =
  process.env['FUZZ_ITERATION'] === undefined ? undefined : Number(process.env['FUZZ_ITERATION']);
const CHUNK = 40;
// Each input keeps this many of the spec's paths (plus the paths they $ref), so one static check
// takes tens of milliseconds; one input in twenty-five keeps them all.
const PATHS_PER_SLICE = 4;

jest.setTimeout(120_000);

const REAL_SPEC = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'spec', 'openapi.json'), 'utf8'),
) as Json;
const REAL_COLLECTION = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'collection', 'PixCrawler_Frontend_Mock.json'), 'utf8'),
) as Json;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Random = () => number;

// ---------------------------------------------------------------------------------------------
// Seeded randomness: mulberry32, one independent stream per iteration so any one can be replayed.

function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function parseSeed(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_SEED;
  const value = Number(text.trim());
  if (!Number.isSafeInteger(value))
    throw new Error(`FUZZ_SEED must be an integer (decimal or 0x…), got "${text}"`);
  return value >>> 0;
}

const streamFor = (iteration: number): Random =>
  mulberry32((SEED ^ Math.imul(iteration + 1, 0x9e3779b1)) >>> 0);
const int = (random: Random, below: number): number => Math.floor(random() * below);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)] as T;

// ---------------------------------------------------------------------------------------------
// Mutations of the parsed documents.

interface Slot {
  /** The object or array holding the value, and its key there. */
  parent: Json[] | { [key: string]: Json };
  key: string | number;
  value: Json;
  pointer: string;
}

function slots(root: Json): Slot[] {
  const found: Slot[] = [];
  const walk = (value: Json, pointer: string): void => {
    if (Array.isArray(value)) {
      value.forEach((child, index) => {
        found.push({ parent: value, key: index, value: child, pointer: `${pointer}/${index}` });
        walk(child, `${pointer}/${index}`);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        const child = value[key] as Json;
        found.push({ parent: value, key, value: child, pointer: `${pointer}/${key}` });
        walk(child, `${pointer}/${key}`);
      }
    }
  };
  walk(root, '');
  return found;
}

// Defined, not assigned, so that "__proto__" stays a key like any other.
function put(parent: Slot['parent'], key: string | number, value: Json): void {
  if (Array.isArray(parent)) parent[key as number] = value;
  else
    Object.defineProperty(parent, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  '{{baseUrl}}',
  '{{',
  '}}',
  '{{baseUrl}}/{{baseUrl}}',
  ':id',
  '/:',
  '%',
  '%E0%A4%A',
  '#',
  '#/',
  '#/components/schemas/~2',
  '#/paths',
  '//example.com/api/v1/health',
  'http://example.com',
  'http://127.0.0.1@example.com/',
  'file:///etc/passwd',
  '\u0000',
  '\ud800',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '💥💥💥',
  '/api/v1/{id}',
  '{id}',
  '{',
  'application/json; charset=utf-8',
  'application/problem+json',
  'text/plain',
  '9999-99-99T99:99:99Z',
  '2024-01-01T00:00:00',
  'GET',
  'get',
  'PURGE',
  '3.0.0',
  '3.1.99',
  '2.0',
  'x'.repeat(10_000),
];
const HOSTILE_VALUES: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -0,
  4294967296,
  '',
  'x',
  [],
  {},
  [null],
  [[]],
  { $ref: '#/nope' },
  { $ref: '#' },
  { $ref: 'other.json#/x' },
  { type: 'object' },
];
const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '$ref',
  '',
  ' ',
  'toString',
  'x-🙂',
  'paths',
  'item',
  'request',
  'url',
  'raw',
];

type Mutation = (random: Random, root: Json) => string;

const MUTATIONS: Record<string, Mutation> = {
  'delete a key'(random, root) {
    const candidates = slots(root).filter(slot => !Array.isArray(slot.parent));
    if (candidates.length === 0) return 'nothing to delete';
    const slot = pick(random, candidates);
    delete (slot.parent as Record<string, Json>)[slot.key as string];
    return `deleted ${slot.pointer}`;
  },
  'remove an array element'(random, root) {
    const candidates = slots(root).filter(slot => Array.isArray(slot.parent));
    if (candidates.length === 0) return 'no array element';
    const slot = pick(random, candidates);
    (slot.parent as Json[]).splice(slot.key as number, 1);
    return `removed ${slot.pointer}`;
  },
  'change a type'(random, root) {
    const slot = pick(random, slots(root));
    const value = pick(random, HOSTILE_VALUES);
    put(slot.parent, slot.key, structuredClone(value));
    return `set ${slot.pointer} to ${JSON.stringify(value)}`;
  },
  'truncate a string'(random, root) {
    const candidates = slots(root).filter(
      slot => typeof slot.value === 'string' && slot.value.length > 0,
    );
    if (candidates.length === 0) return 'no string';
    const slot = pick(random, candidates);
    const text = slot.value as string;
    put(slot.parent, slot.key, text.slice(0, int(random, text.length)));
    return `truncated ${slot.pointer}`;
  },
  'hostile string'(random, root) {
    const candidates = slots(root).filter(slot => typeof slot.value === 'string');
    if (candidates.length === 0) return 'no string';
    const slot = pick(random, candidates);
    const text = pick(random, HOSTILE_STRINGS);
    put(slot.parent, slot.key, text);
    return `set ${slot.pointer} to ${JSON.stringify(text.slice(0, 40))}`;
  },
  'rename a key'(random, root) {
    const candidates = slots(root).filter(slot => !Array.isArray(slot.parent));
    if (candidates.length === 0) return 'no key';
    const slot = pick(random, candidates);
    const parent = slot.parent as Record<string, Json>;
    const name = pick(random, HOSTILE_KEYS);
    delete parent[slot.key as string];
    put(parent, name, slot.value);
    return `renamed ${slot.pointer} to ${JSON.stringify(name)}`;
  },
  'swap arrays'(random, root) {
    const arrays = slots(root).filter(slot => Array.isArray(slot.value));
    if (arrays.length < 2) return 'fewer than two arrays';
    const first = pick(random, arrays);
    const second = pick(random, arrays);
    if (first.pointer.startsWith(second.pointer) || second.pointer.startsWith(first.pointer)) {
      (first.value as Json[]).reverse();
      return `reversed ${first.pointer}`;
    }
    put(first.parent, first.key, second.value);
    put(second.parent, second.key, first.value);
    return `swapped ${first.pointer} and ${second.pointer}`;
  },
  'shuffle an array'(random, root) {
    const arrays = slots(root).filter(slot => Array.isArray(slot.value) && slot.value.length > 1);
    if (arrays.length === 0) return 'no array to shuffle';
    const slot = pick(random, arrays);
    const items = slot.value as Json[];
    for (let index = items.length - 1; index > 0; index--) {
      const other = int(random, index + 1);
      [items[index], items[other]] = [items[other] as Json, items[index] as Json];
    }
    return `shuffled ${slot.pointer}`;
  },
  'move a subtree'(random, root) {
    const all = slots(root);
    const from = pick(random, all);
    const to = pick(random, all);
    if (to.pointer.startsWith(from.pointer)) return 'moved nothing';
    put(to.parent, to.key, structuredClone(from.value));
    return `copied ${from.pointer} over ${to.pointer}`;
  },
  'wrap deeply'(random, root) {
    const slot = pick(random, slots(root));
    let value = slot.value;
    const depth = 1 + int(random, 60);
    for (let level = 0; level < depth; level++)
      value =
        random() < 0.5 ? [value] : { [pick(random, ['$ref', 'schema', 'item', 'value'])]: value };
    put(slot.parent, slot.key, value);
    return `wrapped ${slot.pointer} ${depth} levels deep`;
  },
};

// Mutations of the text: what a bad merge, a lost byte or a cut download does.
const TEXT_MUTATIONS: Record<string, (random: Random, text: string) => [string, string]> = {
  'delete characters'(random, text) {
    let result = text;
    const count = 1 + int(random, 20);
    for (let index = 0; index < count; index++) {
      const at = int(random, result.length);
      result = result.slice(0, at) + result.slice(at + 1 + int(random, 3));
    }
    return [result, `deleted ${count} runs of characters`];
  },
  'insert characters'(random, text) {
    let result = text;
    const count = 1 + int(random, 10);
    for (let index = 0; index < count; index++) {
      const at = int(random, result.length);
      result =
        result.slice(0, at) +
        pick(random, [
          '{',
          '}',
          '[',
          ']',
          ',',
          ':',
          '"',
          '\\',
          ' ',
          '\n',
          '\u0000',
          'é',
          '\ufeff',
          '/*',
          '//',
        ]) +
        result.slice(at);
    }
    return [result, `inserted ${count} characters`];
  },
  truncate(random, text) {
    const at = int(random, text.length);
    return [text.slice(0, at), `truncated at offset ${at}`];
  },
  'duplicate a line'(random, text) {
    const lines = text.split('\n');
    const at = int(random, lines.length);
    lines.splice(at, 0, lines[at] ?? '');
    return [lines.join('\n'), `duplicated line ${at + 1}`];
  },
};

// ---------------------------------------------------------------------------------------------
// One input: a slice of the real spec (a few of its paths, all components), the whole real
// collection, one to three structural mutations, and sometimes a text mutation.

interface FuzzInput {
  spec: string;
  collection: string;
  description: string[];
}

function sliceSpec(random: Random): Json {
  const spec = structuredClone(REAL_SPEC) as Record<string, Json>;
  if (random() < 0.04) return spec;
  const paths = spec['paths'] as Record<string, Json>;
  const keys = Object.keys(paths);
  const chosen = new Set<string>();
  while (chosen.size < Math.min(PATHS_PER_SLICE, keys.length)) chosen.add(pick(random, keys));
  // Keep what the chosen paths $ref, so that most slices are valid before they are mutated.
  for (const key of [...chosen]) {
    const ref = (paths[key] as Record<string, Json>)['$ref'];
    if (typeof ref === 'string' && ref.startsWith('#/paths/'))
      chosen.add(ref.slice('#/paths/'.length).replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  spec['paths'] = Object.fromEntries(
    keys.filter(key => chosen.has(key)).map(key => [key, paths[key] as Json]),
  );
  return spec;
}

function makeInput(iteration: number): FuzzInput {
  const random = streamFor(iteration);
  const spec = sliceSpec(random);
  const collection = structuredClone(REAL_COLLECTION);
  const description: string[] = [];
  const targets =
    random() < 0.5 ? ['spec'] : random() < 0.6 ? ['collection'] : ['spec', 'collection'];
  for (const target of targets) {
    const root = target === 'spec' ? spec : collection;
    const count = 1 + int(random, 3);
    for (let index = 0; index < count; index++) {
      const name = pick(random, Object.keys(MUTATIONS));
      description.push(`${target}: ${name}: ${(MUTATIONS[name] as Mutation)(random, root)}`);
    }
  }
  const indent = random() < 0.5 ? 2 : undefined;
  let specText = JSON.stringify(spec, null, indent);
  let collectionText = JSON.stringify(collection, null, indent);
  if (random() < 0.25) {
    const name = pick(random, Object.keys(TEXT_MUTATIONS));
    const mutate = TEXT_MUTATIONS[name] as (random: Random, text: string) => [string, string];
    if (random() < 0.5) {
      let what: string;
      [specText, what] = mutate(random, specText);
      description.push(`spec text: ${what}`);
    } else {
      let what: string;
      [collectionText, what] = mutate(random, collectionText);
      description.push(`collection text: ${what}`);
    }
  }
  return { spec: specText, collection: collectionText, description };
}

// ---------------------------------------------------------------------------------------------
// The property every run must have.

function problemsOf(result: CheckResult): string[] {
  const problems: string[] = [];
  if (![0, 1, 2].includes(result.exitCode)) problems.push(`exit code ${String(result.exitCode)}`);
  for (const finding of result.findings) {
    if (typeof finding.message !== 'string' || finding.message.trim() === '')
      problems.push(`a ${finding.rule} finding without a message`);
    if (typeof finding.rule !== 'string' || finding.rule === '')
      problems.push(`a finding without a rule: ${finding.message}`);
    if (
      !Number.isInteger(finding.line) ||
      finding.line < 1 ||
      !Number.isInteger(finding.column) ||
      finding.column < 1
    ) {
      problems.push(`a ${finding.rule} finding at line ${finding.line}, column ${finding.column}`);
    }
  }
  if (result.exitCode === 2 && (result.toolError?.message ?? '').trim() === '')
    problems.push('exit 2 without a tool error message');
  if (result.exitCode === 1 && !result.findings.some(finding => finding.severity === 'error'))
    problems.push('exit 1 without an error finding');
  if (result.exitCode === 0 && result.findings.some(finding => finding.severity === 'error'))
    problems.push('exit 0 with an error finding');
  return problems;
}

describe(`seeded fuzz of the static check (FUZZ_SEED=${SEED})`, () => {
  let work = '';
  const outcomes = { 0: 0, 1: 0, 2: 0 } as Record<number, number>;

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'pixcrawler-fuzz-'));
  });
  afterAll(() => {
    // Kept when something failed, so that the inputs can be looked at.
    if (work !== '' && failures === 0) rmSync(work, { recursive: true, force: true });
  });
  let failures = 0;

  const iterations =
    ONLY !== undefined ? [ONLY] : Array.from({ length: ITERATIONS }, (_, index) => index);
  const chunks: number[][] = [];
  for (let start = 0; start < iterations.length; start += CHUNK)
    chunks.push(iterations.slice(start, start + CHUNK));

  test.each(chunks.map(chunk => [chunk[0], chunk[chunk.length - 1], chunk] as const))(
    'iterations %i to %i end in exit 0, 1 or 2 with messages and no exception',
    async (_first, _last, chunk) => {
      const broken: string[] = [];
      for (const iteration of chunk) {
        const input = makeInput(iteration);
        const specPath = path.join(work, 'spec.json');
        const collectionPath = path.join(work, 'collection.json');
        writeFileSync(specPath, input.spec);
        writeFileSync(collectionPath, input.collection);

        let problems: string[];
        try {
          const result = await runCheck({ specPath, collectionPath, static: true });
          outcomes[result.exitCode] = (outcomes[result.exitCode] ?? 0) + 1;
          problems = problemsOf(result);
        } catch (error) {
          const stack =
            error instanceof Error
              ? (error.stack ?? error.message).split('\n').slice(0, 6).join('\n    ')
              : String(error);
          problems = [`unhandled exception: ${stack}`];
        }
        if (problems.length > 0) {
          failures++;
          const kept = path.join(work, `iteration-${iteration}`);
          mkdirSync(kept, { recursive: true });
          copyFileSync(specPath, path.join(kept, 'spec.json'));
          copyFileSync(collectionPath, path.join(kept, 'collection.json'));
          broken.push(
            [
              `FUZZ_SEED=${SEED} FUZZ_ITERATION=${iteration} npx jest tests/hostile/fuzz.test.ts`,
              `  mutations: ${input.description.join('; ')}`,
              `  inputs kept in ${kept}`,
              ...problems.map(problem => `  ${problem}`),
            ].join('\n'),
          );
        }
      }
      expect(broken.join('\n\n')).toBe('');
    },
  );

  test('the runs reach every exit code (the mutations are neither too weak nor too strong)', () => {
    if (ONLY !== undefined || ITERATIONS < 100) return;
    expect(outcomes[0]).toBeGreaterThan(0);
    expect(outcomes[1]).toBeGreaterThan(0);
    expect(outcomes[2]).toBeGreaterThan(0);
  });
});
