import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { diffSpecs } from '../../contracts/diff';
import type { SpecChange } from '../../contracts/diff';
import { parseJsonSource } from '../../contracts/lib/json-source';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'diff');

function load(name: string) {
  const file = path.join(FIXTURES, `${name}.oas3.json`);
  return parseJsonSource(readFileSync(file, 'utf8'), file, 'The OpenAPI document');
}

function lineOf(change: SpecChange['location']): string {
  return readFileSync(change.file, 'utf8').split('\n')[change.line - 1] ?? '';
}

// Each head fixture is the base with one change of one kind.
const BREAKING_CASES = [
  {
    kind: 'operation-removed',
    pointer: '/paths/~1api~1v1~1items~1{item_id}',
    previous: '/paths/~1api~1v1~1items~1{item_id}/delete',
    previousText: '"delete"',
    text: '"/api/v1/items/{item_id}"',
    message: 'Operation "DELETE /api/v1/items/{item_id}" was removed.',
  },
  {
    kind: 'response-field-removed',
    pointer: '/components/schemas/Item/properties',
    previous: '/components/schemas/Item/properties/name',
    previousText: '"name"',
    text: '"properties"',
    message: 'renamed to "data[].title"?',
  },
  {
    kind: 'field-type-changed',
    pointer: '/components/schemas/Item/properties/id/type',
    text: '"type": "string"',
    message: 'changed type from "integer" to "string"',
  },
  {
    kind: 'enum-value-removed',
    pointer: '/components/schemas/ItemStatus/enum',
    previous: '/components/schemas/ItemStatus/enum',
    previousText: '"enum"',
    text: '"enum"',
    message: 'no longer allows "published"',
  },
  {
    kind: 'field-became-nullable',
    pointer: '/components/schemas/Item/properties/name/type',
    text: '"type"',
    message: 'became nullable',
  },
  {
    kind: 'request-field-required',
    pointer: '/components/schemas/ItemCreate/properties/owner',
    text: '"owner"',
    message:
      'Field "owner" was added as a required request field, in the request body of "POST /api/v1/items"',
  },
  {
    kind: 'parameter-required',
    pointer: '/paths/~1api~1v1~1items/get/parameters/1',
    text: '{',
    message: 'Query parameter "owner" was added as required',
  },
] as const;

describe('diffSpecs', () => {
  test.each(BREAKING_CASES)('reports $kind with its location in the new spec', testCase => {
    const diff = diffSpecs(load('base'), load(testCase.kind));

    expect(diff.breaking).toHaveLength(1);
    const [change] = diff.breaking;
    expect(change).toMatchObject({
      kind: testCase.kind,
      breaking: true,
      location: { pointer: testCase.pointer },
    });
    expect(change?.message).toContain(testCase.message);
    expect(lineOf(change!.location)).toContain(testCase.text);
    if ('previous' in testCase) {
      expect(change?.previous?.pointer).toBe(testCase.previous);
      expect(lineOf(change!.previous!)).toContain(testCase.previousText);
    }
  });

  test('reaches every operation that shares a changed schema, aliases included', () => {
    const [change] = diffSpecs(load('base'), load('field-type-changed')).breaking;

    expect(change?.operations).toEqual(
      expect.arrayContaining([
        'GET /api/v1/items',
        'GET /api/v1/items/',
        'POST /api/v1/items',
        'GET /api/v1/items/{item_id}',
        'DELETE /api/v1/items/{item_id}',
      ]),
    );
  });

  test('lists a purely additive change as notes and nothing as breaking', () => {
    const diff = diffSpecs(load('base'), load('additive'));

    expect(diff.breaking).toEqual([]);
    expect(diff.notes.map(note => note.kind).sort()).toEqual([
      'enum-value-added',
      'field-added',
      'field-added',
      'operation-added',
      'parameter-added',
    ]);
  });

  test('finds nothing between a spec and itself, although its schemas are recursive', () => {
    expect(diffSpecs(load('base'), load('base'))).toEqual({ breaking: [], notes: [] });
  });

  test('treats a removed field as harmless in requests and a widened type as a note', () => {
    const base = load('base');
    const head = JSON.parse(readFileSync(path.join(FIXTURES, 'base.oas3.json'), 'utf8'));
    delete head.components.schemas.ItemCreate.properties.status;
    head.components.parameters.Limit.schema.type = 'number';
    const diff = diffSpecs(
      base,
      parseJsonSource(JSON.stringify(head, null, 2), 'head.json', 'The OpenAPI document'),
    );

    expect(diff.breaking).toEqual([]);
    expect(diff.notes.map(note => note.kind).sort()).toEqual([
      'field-type-widened',
      'request-field-removed',
    ]);
  });

  test('refuses a document that is not OpenAPI 3', () => {
    const notOpenApi = parseJsonSource('{"swagger": "2.0"}', 'old.json', 'The OpenAPI document');
    expect(() => diffSpecs(notOpenApi, load('base'))).toThrow(
      expect.objectContaining({ code: 'input-invalid' }),
    );
  });
});
