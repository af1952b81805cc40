import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import execa from 'execa';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures', 'diff');
const DIFF_SCRIPT = path.join(REPO_ROOT, 'scripts', 'diff.ts');
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};

let repository: string;

// A throwaway repository whose first commit holds the base fixture as spec/openapi.json.
beforeAll(async () => {
  repository = mkdtempSync(path.join(tmpdir(), 'spec-diff-'));
  mkdirSync(path.join(repository, 'spec'));
  useFixture('base');
  const git = (...args: string[]) => execa('git', args, { cwd: repository, env: GIT_ENV });
  await git('init', '-q');
  await git('add', 'spec/openapi.json');
  await git('commit', '-q', '--no-gpg-sign', '-m', 'base');
  await git('tag', 'v1.0.0');
});

afterAll(() => {
  rmSync(repository, { recursive: true, force: true });
});

function useFixture(name: string): void {
  copyFileSync(
    path.join(FIXTURES, `${name}.oas3.json`),
    path.join(repository, 'spec', 'openapi.json'),
  );
}

function runDiff(...args: string[]) {
  return execa(process.execPath, ['--require', require.resolve('tsx/cjs'), DIFF_SCRIPT, ...args], {
    cwd: repository,
    reject: false,
    env: { NO_COLOR: '1' },
  });
}

describe('npm run diff', () => {
  test('exits 1 and lists a breaking change with its location', async () => {
    useFixture('field-type-changed');
    const result = await runDiff('--base', 'v1.0.0');

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /^Breaking changes against v1\.0\.0:\n {2}spec\/openapi\.json:\d+:\d+ field-type-changed: /,
    );
  });

  test('annotates the spec line for GitHub, as a warning once the label accepts the change', async () => {
    useFixture('response-field-removed');
    const failing = await runDiff('--base', 'v1.0.0', '--format', 'github');
    const accepted = await runDiff('--base', 'v1.0.0', '--format', 'github', '--accept-breaking');

    expect(failing.exitCode).toBe(1);
    expect(failing.stdout).toMatch(
      /^::error file=spec\/openapi\.json,line=\d+,col=\d+,title=response-field-removed::.*It was at spec\/openapi\.json@v1\.0\.0:\d+\./m,
    );
    expect(failing.stdout).toMatch(/^::notice file=spec\/openapi\.json,.*title=field-added::/m);
    expect(accepted.exitCode).toBe(0);
    expect(accepted.stdout).toMatch(
      /^::warning file=spec\/openapi\.json,.*title=response-field-removed::/m,
    );
  });

  test('exits 0 on an additive change and prints the notes as JSON when asked', async () => {
    useFixture('additive');
    const result = await runDiff('--base', 'HEAD', '--format', 'json');

    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as { breaking: unknown[]; notes: unknown[] };
    expect(report.breaking).toEqual([]);
    expect(report.notes).toHaveLength(5);
  });

  test.each([
    { args: ['--base', 'no-such-ref'], stderr: 'cannot be read at the git ref "no-such-ref"' },
    { args: [], stderr: 'Expected --base to name a git ref' },
    {
      args: ['--base', 'HEAD', '--format', 'xml'],
      stderr: 'Expected --format to be one of text, json, github, got "xml".',
    },
    { args: ['--base', 'HEAD', '--spec', 'spec/missing.json'], stderr: 'cannot be read' },
  ])('exits 2 on unusable input: $args', async ({ args, stderr }) => {
    useFixture('base');
    const result = await runDiff(...args);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(stderr);
  });
});
