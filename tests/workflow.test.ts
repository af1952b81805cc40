import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { parse } from 'yaml';

const REPO_ROOT = path.resolve(__dirname, '..');
const WORKFLOW_FILE = path.join(REPO_ROOT, '.github', 'workflows', 'contract.yml');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

interface Workflow {
  on: { push?: { branches?: string[] }; pull_request?: { types?: string[] } };
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

const workflow = parse(readFileSync(WORKFLOW_FILE, 'utf8')) as Workflow;
const steps = Object.values(workflow.jobs).flatMap(job => job.steps);
const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

function findStep(predicate: (step: Step) => boolean, what: string): Step {
  const step = steps.find(predicate);
  if (step === undefined)
    throw new Error(`Expected the workflow to have a step that ${what}, got none.`);
  return step;
}

describe('the contract workflow', () => {
  test('runs on pull requests and on pushes to main', () => {
    expect(workflow.on.push?.branches).toEqual(['main']);
    expect(workflow.on.pull_request?.types).toEqual(
      expect.arrayContaining(['opened', 'synchronize', 'labeled', 'unlabeled']),
    );
  });

  test('checks out the full history and sets up Node 20 with the npm cache', () => {
    expect(
      findStep(step => step.uses?.startsWith('actions/checkout@') === true, 'checks out').with?.[
        'fetch-depth'
      ],
    ).toBe(0);
    expect(
      findStep(step => step.uses?.startsWith('actions/setup-node@') === true, 'sets up Node').with,
    ).toMatchObject({ 'node-version': 20, cache: 'npm' });
  });

  test('installs, tests and runs the contract check in order', () => {
    const runs = steps.map(step => step.run ?? '');
    const order = [
      'npm ci',
      'npm test',
      'npm run check -- --format github',
      '--format junit > reports/contract-junit.xml',
      'npm run diff',
    ].map(command => runs.findIndex(run => run.includes(command)));

    expect(order.every(index => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('diffs against the base branch on pull requests, failing unless the label accepts it', () => {
    const diff = findStep(step => step.run?.includes('npm run diff') === true, 'runs the diff');

    expect(diff.if).toBe("github.event_name == 'pull_request'");
    expect(diff.env?.['BASE_REF']).toBe('${{ github.base_ref }}');
    expect(diff.env?.['ACCEPTED']).toContain("'breaking-change-accepted'");
    expect(diff.run).toContain('--base "origin/$BASE_REF"');
    expect(diff.run).toMatch(/--accept-breaking/);
  });

  test('uploads the reports folder even when an earlier step failed', () => {
    const upload = findStep(
      step => step.uses?.startsWith('actions/upload-artifact@') === true,
      'uploads the reports',
    );

    expect(upload.if).toBe('always()');
    expect(upload.with?.['path']).toBe('reports/');
  });

  test('calls only npm scripts that package.json defines', () => {
    const called = steps.flatMap(step =>
      [...(step.run ?? '').matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map(match => match[1]),
    );

    expect(called.length).toBeGreaterThan(0);
    for (const script of called) expect(Object.keys(packageJson.scripts)).toContain(script);
  });

  test('never interpolates pull-request data straight into a shell command', () => {
    for (const step of steps)
      expect(step.run ?? '').not.toMatch(/\$\{\{\s*github\.(event|head_ref|base_ref)/);
  });
});
