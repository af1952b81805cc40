// `npm run release-check`: the machine-checkable half of docs/RELEASE.md. Runs every step,
// prints each as passed or failed with a short reason, and exits 1 if any failed.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import execa from 'execa';
import { XMLValidator } from 'fast-xml-parser';

import { loadCollection } from '../contracts/lib/collection';
import { startPrism, stopAllPrism } from '../contracts/lib/prism';
import { resolveRequestUrl } from '../contracts/lib/url';

const REPO_ROOT = path.resolve(__dirname, '..');
const SPEC_FILE = 'spec/openapi.json';
const COLLECTION_FILE = 'collection/PixCrawler_Frontend_Mock.json';
const BIN = path.join(REPO_ROOT, 'node_modules', '.bin');
const ENV = { NO_COLOR: '1', FORCE_COLOR: '0', SCARF_ANALYTICS: 'false' };
// Bounds for children that could hang; generous, since a slow machine is not a failed release.
const TEST_TIMEOUT_MS = 20 * 60_000;
const STEP_TIMEOUT_MS = 5 * 60_000;

interface StepOutcome {
  passed: boolean;
  reason: string;
}

type Step = { title: string; run(): Promise<StepOutcome> };

const steps: Step[] = [
  { title: 'clean working tree', run: checkCleanTree },
  { title: 'npm test', run: checkTests },
  ...(['text', 'json', 'junit', 'github'] as const).map(format => ({
    title: `contract check (--format ${format})`,
    run: () => checkContract(format),
  })),
  { title: 'Newman runs the collection against the mock', run: checkNewman },
  { title: 'Spectral lints the spec', run: checkSpectral },
  { title: 'no breaking change since the last release tag', run: checkBreakingChanges },
  { title: 'spec info.version equals package.json version', run: checkVersion },
  { title: 'CHANGELOG has an entry for this version', run: checkChangelog },
];

async function main(): Promise<number> {
  let failures = 0;
  for (const step of steps) {
    let outcome: StepOutcome;
    try {
      outcome = await step.run();
    } catch (error) {
      outcome = failed(`the step itself broke: ${(error as Error).message}`);
    }
    if (!outcome.passed) failures++;
    process.stdout.write(
      `${outcome.passed ? 'passed' : 'FAILED'}  ${step.title}: ${outcome.reason}\n`,
    );
  }
  process.stdout.write(
    failures === 0
      ? '\nEvery machine-checked step passed; the human steps in docs/RELEASE.md remain.\n'
      : `\n${failures} of ${steps.length} steps failed.\n`,
  );
  return failures === 0 ? 0 : 1;
}

async function checkCleanTree(): Promise<StepOutcome> {
  const { stdout } = await run('git', ['status', '--porcelain']);
  const changed = stdout.split('\n').filter(line => line.trim() !== '');
  if (changed.length === 0) return passed('nothing uncommitted');
  return failed(
    `${changed.length} uncommitted or untracked paths, the first "${changed[0]?.slice(3)}"`,
  );
}

async function checkTests(): Promise<StepOutcome> {
  const result = await run('npm', ['test'], TEST_TIMEOUT_MS);
  const output = `${result.stderr}\n${result.stdout}`;
  const summary =
    /^Tests:\s+(.*)$/m.exec(output)?.[1] ??
    /^.*error TS\d+.*$/m.exec(output)?.[0]?.slice(0, 160) ??
    'no Jest summary printed';
  return result.exitCode === 0
    ? passed(summary)
    : failed(`exit code ${result.exitCode}; ${summary}`);
}

async function checkContract(format: 'text' | 'json' | 'junit' | 'github'): Promise<StepOutcome> {
  const folder = mkdtempSync(path.join(tmpdir(), 'release-check-'));
  try {
    const summaryFile = path.join(folder, 'summary.md');
    const result = await run(
      process.execPath,
      ['--require', require.resolve('tsx/cjs'), 'scripts/check.ts', '--format', format],
      STEP_TIMEOUT_MS,
      { GITHUB_STEP_SUMMARY: summaryFile },
    );
    if (result.exitCode !== 0)
      return failed(`exit code ${result.exitCode}; ${firstLine(result.stdout || result.stderr)}`);

    const problem = findOutputProblem(format, result.stdout, summaryFile);
    return problem === undefined ? passed('exit code 0, output well-formed') : failed(problem);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function findOutputProblem(
  format: string,
  stdout: string,
  summaryFile: string,
): string | undefined {
  if (format === 'text')
    return stdout.includes('The contract holds')
      ? undefined
      : 'the text report does not say that the contract holds';
  if (format === 'junit')
    return XMLValidator.validate(stdout) === true
      ? undefined
      : 'the JUnit report is not well-formed XML';
  if (format === 'json') {
    try {
      const report = JSON.parse(stdout) as { summary?: { exitCode?: number } };
      return report.summary?.exitCode === 0
        ? undefined
        : 'the JSON report does not have summary.exitCode 0';
    } catch {
      return 'the JSON report does not parse';
    }
  }
  const stray = stdout.split('\n').find(line => line !== '' && !line.startsWith('::'));
  if (stray !== undefined) return `a line is not a workflow command: "${stray.slice(0, 80)}"`;
  return existsSync(summaryFile) && readFileSync(summaryFile, 'utf8').includes('| Group |')
    ? undefined
    : 'no job summary was written';
}

async function checkNewman(): Promise<StepOutcome> {
  const server = await startPrism({ specPath: path.join(REPO_ROOT, SPEC_FILE) });
  const folder = mkdtempSync(path.join(tmpdir(), 'release-newman-'));
  try {
    const baseUrl = `${server.url}/api/v1`;
    // 1. Newman sends whatever the collection says, so every URL must reach the mock only.
    const collection = loadCollection(path.join(REPO_ROOT, COLLECTION_FILE));
    for (const request of collection.requests) {
      const variables = new Map(request.variables).set('baseUrl', baseUrl);
      const { url, unsendable } = resolveRequestUrl({ ...request, variables });
      if (url === undefined || unsendable !== undefined || !url.href.startsWith(`${server.url}/`)) {
        return failed(
          `request "${request.label}" would not go to the mock (${unsendable ?? url?.href ?? 'no URL'}); Newman was not run`,
        );
      }
    }

    // 2. Run it, and read the counts from Newman's JSON report.
    const reportFile = path.join(folder, 'newman.json');
    const args = [
      'run',
      COLLECTION_FILE,
      '--env-var',
      `baseUrl=${baseUrl}`,
      '--ignore-redirects',
      '--timeout-request',
      '10000',
      '--color',
      'off',
      '--reporters',
      'json',
      '--reporter-json-export',
      reportFile,
    ];
    const result = await run(path.join(BIN, 'newman'), args, STEP_TIMEOUT_MS);
    if (!existsSync(reportFile))
      return failed(
        `Newman wrote no report (exit code ${result.exitCode}; ${firstLine(result.stderr || result.stdout)})`,
      );
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as NewmanReport;
    const executions = report.run.executions;
    const bad = executions.filter(
      execution => execution.response === undefined || execution.response.code >= 400,
    );
    const failures = report.run.failures.length;
    if (result.exitCode !== 0 || failures > 0 || bad.length > 0) {
      const first =
        bad[0] === undefined
          ? ''
          : `; "${bad[0].item.name}" got ${bad[0].response?.code ?? 'no response'}`;
      return failed(
        `exit code ${result.exitCode}, ${failures} failures, ${bad.length} requests without a success answer${first}`,
      );
    }
    return passed(`${executions.length} requests, all answered with success by ${server.url}`);
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

interface NewmanReport {
  run: {
    executions: Array<{ item: { name: string }; response?: { code: number } }>;
    failures: unknown[];
  };
}

async function checkSpectral(): Promise<StepOutcome> {
  const result = await run(path.join(BIN, 'spectral'), [
    'lint',
    SPEC_FILE,
    '--format',
    'json',
    '--quiet',
    '--fail-severity',
    'hint',
  ]);
  let results: Array<{ code: string }>;
  try {
    results = JSON.parse(result.stdout) as Array<{ code: string }>;
  } catch {
    return failed(
      `Spectral did not print results (exit code ${result.exitCode}; ${firstLine(result.stderr || result.stdout)})`,
    );
  }
  if (results.length === 0 && result.exitCode === 0) return passed('no errors, warnings or hints');
  const rules = [...new Set(results.map(entry => entry.code))].join(', ');
  return failed(`${results.length} results (${rules})`);
}

async function checkBreakingChanges(): Promise<StepOutcome> {
  const described = await run('git', ['describe', '--tags', '--abbrev=0']);
  const tag = described.stdout.trim();
  if (described.exitCode !== 0 || tag === '') return passed('skipped: no release tag yet');

  const result = await run(process.execPath, [
    '--require',
    require.resolve('tsx/cjs'),
    'scripts/diff.ts',
    '--base',
    tag,
  ]);
  if (result.exitCode === 0) return passed(`nothing breaking since ${tag}`);
  if (result.exitCode === 1)
    return failed(
      `${firstLine(
        result.stdout
          .split('\n')
          .reverse()
          .find(line => line.trim() !== '') ?? '',
      )}`,
    );
  return failed(`the diff could not run: ${firstLine(result.stderr)}`);
}

async function checkVersion(): Promise<StepOutcome> {
  const version = readPackageVersion();
  const spec = JSON.parse(readFileSync(path.join(REPO_ROOT, SPEC_FILE), 'utf8')) as {
    info?: { version?: unknown };
  };
  const specVersion = spec.info?.version;
  if (specVersion === version) return passed(`both are "${version}"`);
  return failed(`the spec says ${JSON.stringify(specVersion)}, package.json says "${version}"`);
}

async function checkChangelog(): Promise<StepOutcome> {
  const version = readPackageVersion();
  const file = path.join(REPO_ROOT, 'CHANGELOG.md');
  if (!existsSync(file)) return failed('CHANGELOG.md does not exist');
  const heading = new RegExp(
    `^## \\[${version.replace(/\./g, '\\.')}\\] - (\\d{4}-\\d{2}-\\d{2})`,
    'm',
  ).exec(readFileSync(file, 'utf8'));
  return heading === null
    ? failed(`no "## [${version}] - YYYY-MM-DD" heading`)
    : passed(`"${version}" dated ${heading[1]}`);
}

function readPackageVersion(): string {
  return String(
    (
      JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
        version?: unknown;
      }
    ).version,
  );
}

async function run(
  command: string,
  args: string[],
  timeout = STEP_TIMEOUT_MS,
  env: NodeJS.ProcessEnv = {},
) {
  const result = await execa(command, args, {
    cwd: REPO_ROOT,
    env: { ...ENV, ...env },
    reject: false,
    timeout,
    stdin: 'ignore',
  });
  return {
    exitCode: result.timedOut ? -1 : result.exitCode,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

function firstLine(text: string): string {
  return (text.split('\n').find(line => line.trim() !== '') ?? '').trim().slice(0, 160);
}

function passed(reason: string): StepOutcome {
  return { passed: true, reason };
}

function failed(reason: string): StepOutcome {
  return { passed: false, reason };
}

main()
  .then(code => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(
      `The release check failed unexpectedly: ${(error as Error).message ?? String(error)}\n`,
    );
    process.exitCode = 2;
  })
  .finally(() => stopAllPrism());
