// The spec must pass Spectral's OpenAPI ruleset with no result at all, errors and warnings
// alike. The few rules switched off in .spectral.json are covered here instead.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import execa from 'execa';

import { toPointer } from '../contracts/lib/pointer';

const REPO_ROOT = path.resolve(__dirname, '..');
const SPEC_FILE = 'spec/openapi.json';
const SPECTRAL = path.join(REPO_ROOT, 'node_modules', '.bin', 'spectral');

interface SpectralResult {
  code: string;
  message: string;
  path: string[];
  range: { start: { line: number } };
}

interface Ruleset {
  'x-exceptions': Record<string, string>;
  rules: Record<string, string>;
  overrides: Array<{ files: string[]; rules: Record<string, string> }>;
}

const spec = JSON.parse(readFileSync(path.join(REPO_ROOT, SPEC_FILE), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
};
const ruleset = JSON.parse(readFileSync(path.join(REPO_ROOT, '.spectral.json'), 'utf8')) as Ruleset;
const aliasKeys = Object.keys(spec.paths).filter(
  key => typeof spec.paths[key]?.['$ref'] === 'string',
);

describe('Spectral on the spec', () => {
  test('reports no result with the OpenAPI ruleset and the documented exceptions', async () => {
    // Quiet JSON output is just the results array; the ruleset is found as .spectral.json.
    const result = await execa(
      SPECTRAL,
      ['lint', SPEC_FILE, '--format', 'json', '--quiet', '--fail-severity', 'hint'],
      {
        cwd: REPO_ROOT,
        reject: false,
        env: { NO_COLOR: '1', SCARF_ANALYTICS: 'false' },
      },
    );

    let results: SpectralResult[];
    try {
      results = JSON.parse(result.stdout) as SpectralResult[];
    } catch {
      throw new Error(
        `Expected Spectral to print its results as JSON, got exit code ${result.exitCode} and:\n${result.stdout.slice(0, 2000)}\n${result.stderr.slice(-2000)}`,
      );
    }
    const readable = results.map(
      entry => `${SPEC_FILE}:${entry.range.start.line + 1} ${entry.code}: ${entry.message}`,
    );
    expect(readable).toEqual([]);
    expect(result.exitCode).toBe(0);
  }, 60_000);

  test('documents every rule it switches off', () => {
    for (const rule of Object.keys(ruleset.rules)) {
      expect(ruleset.rules[rule]).toBe('off');
      expect(ruleset['x-exceptions'][rule]).toEqual(expect.any(String));
    }
  });

  test('limits the oas3-schema exception to exactly the alias path items', () => {
    const excepted = ruleset.overrides.flatMap(override =>
      override.rules['oas3-schema'] === 'off' ? override.files : [],
    );
    // Spectral reads these pointers as URI fragments, so "{" and "}" are percent-encoded.
    const expected = aliasKeys.map(
      key =>
        `${SPEC_FILE}#${toPointer(['paths', key]).replace(/\{/g, '%7B').replace(/\}/g, '%7D')}`,
    );

    expect([...excepted].sort()).toEqual([...expected].sort());
  });

  test('keeps every alias a bare $ref to an existing path item, as the exceptions assume', () => {
    expect(aliasKeys.length).toBeGreaterThan(0);
    for (const key of aliasKeys) {
      const item = spec.paths[key] ?? {};
      const target = String(item['$ref'])
        .replace(/^#\/paths\//, '')
        .replace(/~1/g, '/')
        .replace(/~0/g, '~');
      expect({ key, fields: Object.keys(item) }).toEqual({ key, fields: ['$ref'] });
      expect({
        key,
        targetIsCanonical:
          typeof spec.paths[target] === 'object' && spec.paths[target]?.['$ref'] === undefined,
      }).toEqual({ key, targetIsCanonical: true });
    }
  });

  test('has unique operationIds across the canonical path items', () => {
    const ids = Object.values(spec.paths)
      .filter(item => item['$ref'] === undefined)
      .flatMap(item =>
        Object.values(item).map(operation => (operation as { operationId?: unknown }).operationId),
      )
      .filter(id => id !== undefined);

    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });
});
