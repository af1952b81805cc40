import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { runCheck } from '../../contracts/lib/engine';
import { stopAllPrism } from '../../contracts/lib/prism';
import { generateSynthetic, writeSynthetic } from '../../scripts/generate-synthetic';

describe('generate-synthetic', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'synthetic-'));
  });

  afterAll(async () => {
    await stopAllPrism();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a pair of 20 operations passes the static check with no findings', async () => {
    const files = writeSynthetic(dir, { operations: 20, seed: 7 });

    const result = await runCheck({ ...files, static: true });

    expect(result.findings).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.summary.operations).toBe(20);
    expect(result.summary.requests).toBe(20);
  });

  test('a pair of 400 operations replays cleanly when the requests are split across Prisms', async () => {
    const files = writeSynthetic(path.join(dir, 'large'), { operations: 400, seed: 11 });

    const result = await runCheck(files);

    expect(result.summary.error).toBeUndefined();
    expect(result.findings).toEqual([]);
    expect(result.summary.replayed).toBe(400);
    expect(result.requests.every(outcome => outcome.status === 200 || outcome.status === 201)).toBe(
      true,
    );
  }, 60_000);

  test('the same seed gives the same bytes, and another seed other documents', () => {
    const first = writeSynthetic(path.join(dir, 'a'), { operations: 20, seed: 3 });
    const again = writeSynthetic(path.join(dir, 'b'), { operations: 20, seed: 3 });
    const other = generateSynthetic({ operations: 20, seed: 4 });

    expect(readFileSync(again.specPath, 'utf8')).toBe(readFileSync(first.specPath, 'utf8'));
    expect(readFileSync(again.collectionPath, 'utf8')).toBe(
      readFileSync(first.collectionPath, 'utf8'),
    );
    expect(JSON.stringify(other.spec)).not.toBe(readFileSync(first.specPath, 'utf8').trim());
  });

  test('has the shapes of our spec: list envelopes, path parameters, bodies and aliases', () => {
    const { spec, collection } = generateSynthetic({ operations: 60, seed: 1 });
    const text = JSON.stringify(spec);

    expect(Object.values(spec['paths'] as object).flatMap(item => Object.keys(item))).toHaveLength(
      60 + countAliases(spec),
    );
    expect(text).toContain('"meta":{"$ref":"#/components/schemas/PageMeta"}');
    expect(text).toContain('"in":"path"');
    expect(text).toContain('"requestBody"');
    expect(text).toMatch(/"\$ref":"#\/paths\/~1api~1v1~1[^"]+~1"/);
    expect(JSON.stringify(collection)).toContain('{{baseUrl}}/');
  });

  test('refuses a size that is not a positive integer', () => {
    expect(() => generateSynthetic({ operations: 0 })).toThrow(
      'Expected operations to be a positive integer, got 0 (number).',
    );
  });
});

function countAliases(spec: Record<string, unknown>): number {
  return Object.values(spec['paths'] as Record<string, object>).filter(item => '$ref' in item)
    .length;
}
