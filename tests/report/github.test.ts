import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import execa from 'execa';

import { formatResult } from '../../contracts/lib/report';
import { escapeData, escapeProperty, toAnnotation } from '../../contracts/lib/report/github';
import { HOSTILE, makeFinding, makeResult } from './sample-result';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CASE = path.join('tests', 'cases', '13-envelope-extra-top-level-key');

describe('the github format', () => {
  test('prints one annotation per finding, with file, line, column and the rule as title', () => {
    const output = formatResult(makeResult(), 'github', { env: {} });
    const lines = output.trimEnd().split('\n');

    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^::error file=collection\/c\.json,line=40,col=9,title=response-schema::/,
    );
    expect(lines[3]).toMatch(
      /^::warning file=spec\/openapi\.json,line=20,col=7,title=iso-timestamp::/,
    );
  });

  test('escapes data and properties so that no finding can end or forge a command', () => {
    expect(escapeData('100%\r\nx')).toBe('100%25%0D%0Ax');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');

    const line = toAnnotation(makeFinding({ file: 'x,y:z.json', rule: 'r:1,2', message: HOSTILE }));
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('file=x%2Cy%3Az.json,');
    expect(line).toContain('title=r%3A1%2C2::');
    expect(line.slice(line.indexOf('::', 2) + 2)).not.toMatch(/[\r\n]/);
  });

  test('leaves out the location properties of a finding without a file', () => {
    expect(toAnnotation(makeFinding({ file: '', pointer: '' }))).toMatch(
      /^::error title=envelope::/,
    );
  });

  test('appends the Markdown job summary to GITHUB_STEP_SUMMARY when it is set', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'summary-'));
    try {
      const file = path.join(folder, 'summary.md');
      formatResult(makeResult(), 'github', { env: { GITHUB_STEP_SUMMARY: file } });
      const summary = readFileSync(file, 'utf8');

      expect(summary).toContain('| Group | Operations | Requests | Replayed | Findings |');
      expect(summary).toContain('| Items | 2 | 2 | 2 | 3 |');
      expect(summary).toContain('### Findings by rule');
      expect(summary).toContain('| `envelope` | 1 |');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('points at the faulty line of the spec when run from the command line', async () => {
    const result = await execa(
      process.execPath,
      [
        '--require',
        require.resolve('tsx/cjs'),
        'scripts/check.ts',
        '--static',
        '--format',
        'github',
        '--spec',
        `${CASE}/spec.json`,
        '--collection',
        `${CASE}/collection.json`,
      ],
      {
        cwd: REPO_ROOT,
        env: { GITHUB_STEP_SUMMARY: '' },
        reject: false,
      },
    );

    expect(result.exitCode).toBe(1);
    const match = /^::error file=([^,]+),line=(\d+),col=(\d+),title=envelope::/m.exec(
      result.stdout,
    );
    expect(match).not.toBeNull();
    const [, file = '', line = '0'] = match ?? [];
    expect(file).toBe(`${CASE}/spec.json`);
    const specLines = readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n');
    expect(specLines[Number(line) - 1]).toContain('"example"');
  });
});
