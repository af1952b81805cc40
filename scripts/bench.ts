// `npm run bench -- [--runs 5] [--size-runs 3] [--sizes 100,500,1000,2000] [--seed 1]`
// Times the contract check against Newman on this machine and prints one table (issue #6).
// Every process it starts listens on 127.0.0.1 only and is gone when it returns.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { startPrism, stopAllPrism } from '../contracts/lib/prism';
import { writeSynthetic } from './generate-synthetic';

const ROOT = path.resolve(__dirname, '..');
const SPEC = 'spec/openapi.json';
const COLLECTION = 'collection/PixCrawler_Frontend_Mock.json';
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const NEWMAN_CLI = path.join(ROOT, 'node_modules/newman/bin/newman.js');
const WORK_DIR = path.join(ROOT, '.bench');
const RUN_TIMEOUT_MS = 300_000;
const SAMPLE_MS = 25;
const RSS_MARK = '@@bench-max-rss ';
// Runs scripts/check.ts in this process and reports its own peak RSS on stderr as it exits.
// Under -e, parseArgs reads the arguments from process.argv[1] on, which is what check.ts needs.
const CHECK_WRAPPER = `
process.on('exit', () => process.stderr.write('\\n${RSS_MARK}' + process.resourceUsage().maxRSS + '\\n'));
require(${JSON.stringify(path.join(ROOT, 'scripts/check.ts'))});
`;

interface Run {
  ms: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Peak RSS in MB of the process itself, when it reported one. */
  selfMb?: number;
  /** Peak RSS in MB of its largest descendant (the Prism host), sampled from /proc. */
  childMb?: number;
}

interface Row {
  measure: string;
  includes: string;
  runs: Run[];
  inProcessMs?: number[];
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'size-runs': { type: 'string', default: '3' },
      sizes: { type: 'string', default: '100,500,1000,2000' },
      seed: { type: 'string', default: '1' },
    },
    strict: true,
  });
  const runs = Number(values.runs);
  const sizeRuns = Number(values['size-runs']);
  const seed = Number(values.seed);
  const sizes = values.sizes.split(',').filter(Boolean).map(Number);
  if (
    ![runs, sizeRuns, seed, ...sizes].every(n => Number.isInteger(n) && n >= 0) ||
    runs < 1 ||
    sizeRuns < 1
  ) {
    process.stderr.write(
      `Expected positive integers for --runs, --size-runs, --seed and --sizes, got ${JSON.stringify(values)}.\n`,
    );
    return 2;
  }
  process.chdir(ROOT);
  process.stdout.write(`${describeMachine()}\n\n`);

  // 1. The repository: the check as users run it, then Newman against one warm Prism.
  const rows: Row[] = [];
  rows.push(
    await measure(
      'full check: npm run check',
      'npm + tsx CLI + Prism host start + static rules + replay',
      runs,
      () => ['npm', ['run', '--silent', 'check']],
    ),
  );
  const full = await measure(
    'full check: tsx scripts/check.ts',
    'tsx CLI + Prism host start + static rules + replay',
    runs,
    () => [process.execPath, [TSX_CLI, 'scripts/check.ts', '--format', 'json']],
  );
  full.inProcessMs = full.runs.map(run => durationOf(run.stdout));
  rows.push(full);
  const newman = await measureNewman(runs);
  rows.push(newman);
  const staticRow = await measure(
    'static check: tsx scripts/check.ts --static',
    'tsx CLI + loading + static rules, no Prism',
    runs,
    () => [process.execPath, [TSX_CLI, 'scripts/check.ts', '--static', '--format', 'json']],
  );
  staticRow.inProcessMs = staticRow.runs.map(run => durationOf(run.stdout));
  rows.push(staticRow);
  rows.push(await measurePrismStart(Math.min(runs, 3)));
  printRows(rows);

  // 2. Synthetic sizes: the whole check, in one node process each, with its peak memory.
  const scaled: Array<{ size: number; row: Row }> = [];
  for (const size of sizes) {
    const files = writeSynthetic(path.join(WORK_DIR, `synthetic-${size}`), {
      operations: size,
      seed,
    });
    const row = await measure(
      `synthetic ${size} operations`,
      'node + tsx hook + Prism host start + static + replay',
      sizeRuns,
      () => [
        process.execPath,
        [
          '--require',
          'tsx/cjs',
          '-e',
          CHECK_WRAPPER,
          '--',
          '--spec',
          files.specPath,
          '--collection',
          files.collectionPath,
          '--format',
          'json',
        ],
      ],
    );
    row.inProcessMs = row.runs.map(run => durationOf(run.stdout));
    scaled.push({ size, row });
  }
  printScaling(scaled);

  // 3. Targets.
  printTargets(
    median(full.runs.map(r => r.ms)),
    median(newman.runs.map(r => r.ms)),
    staticRow,
    scaled,
  );
  return 0;
}

function describeMachine(): string {
  const cpu =
    /model name\s*:\s*(.+)/.exec(readText('/proc/cpuinfo'))?.[1] ??
    os.cpus()[0]?.model ??
    'unknown';
  const load = os
    .loadavg()
    .map(value => value.toFixed(2))
    .join(' ');
  return `Machine: ${os.availableParallelism()} CPUs (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()} ${os.release()}; load average at start ${load}.`;
}

async function measure(
  name: string,
  includes: string,
  runs: number,
  command: () => [string, string[]],
): Promise<Row> {
  const row: Row = { measure: name, includes, runs: [] };
  for (let index = 0; index < runs; index++) {
    const [file, args] = command();
    const run = await timeProcess(file, args);
    if (run.exitCode !== 0)
      process.stderr.write(
        `warning: ${name} exited with ${run.exitCode}: ${run.stderr.slice(-500)}\n`,
      );
    row.runs.push(run);
    process.stderr.write(`  ${name}: ${Math.round(run.ms)} ms\n`);
  }
  return row;
}

// Newman replays the collection against one Prism started outside the timing; a first,
// untimed run warms Prism up, which the check never gets, since it starts its own each time.
async function measureNewman(runs: number): Promise<Row> {
  const prism = await startPrism({ specPath: SPEC });
  try {
    const args = [
      NEWMAN_CLI,
      'run',
      COLLECTION,
      '--env-var',
      `baseUrl=${prism.url}/api/v1`,
      '--reporters',
      'cli',
    ];
    await timeProcess(process.execPath, args);
    return await measure(
      'Newman run (whole process)',
      'node + Newman load + 46 requests to an already running, warm Prism',
      runs,
      () => [process.execPath, args],
    );
  } finally {
    await stopAllPrism();
  }
}

async function measurePrismStart(runs: number): Promise<Row> {
  const row: Row = {
    measure: 'Prism host + server start (cold)',
    includes: 'spawn the host, load Prism, read the spec, listen',
    runs: [],
  };
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    await startPrism({ specPath: SPEC });
    row.runs.push({ ms: performance.now() - started, exitCode: 0, stdout: '', stderr: '' });
    await stopAllPrism();
  }
  return row;
}

/** Runs a command to its end, sampling the peak RSS of its descendants meanwhile. */
function timeProcess(file: string, args: string[]): Promise<Run> {
  return new Promise(resolve => {
    const started = performance.now();
    const child = spawn(file, args, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let childKb = 0;
    const sampler = setInterval(() => {
      for (const pid of descendantsOf(child.pid ?? -1)) childKb = Math.max(childKb, peakKb(pid));
    }, SAMPLE_MS);
    const killer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('close', code => {
      const ms = performance.now() - started;
      clearInterval(sampler);
      clearTimeout(killer);
      const self = new RegExp(`${RSS_MARK}(\\d+)`).exec(stderr)?.[1];
      resolve({
        ms,
        exitCode: code,
        stdout,
        stderr,
        selfMb: self === undefined ? undefined : Number(self) / 1024,
        childMb: childKb === 0 ? undefined : childKb / 1024,
      });
    });
  });
}

// Children of the children too (npm → tsx → node → Prism host); read from /proc on Linux.
function descendantsOf(root: number): number[] {
  const parents = new Map<number, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter(entry => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  for (const entry of entries) {
    const stat = readText(`/proc/${entry}/stat`);
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (Number.isInteger(ppid)) parents.set(Number(entry), ppid);
  }
  const found: number[] = [];
  const wanted = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (wanted.has(ppid) && !wanted.has(pid)) {
        wanted.add(pid);
        found.push(pid);
        grew = true;
      }
    }
  }
  return found;
}

function peakKb(pid: number): number {
  return Number(/VmHWM:\s*(\d+)/.exec(readText(`/proc/${pid}/status`))?.[1] ?? 0);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function durationOf(jsonReport: string): number {
  try {
    return Number(
      (JSON.parse(jsonReport) as { summary: { durationMs: number } }).summary.durationMs,
    );
  } catch {
    return Number.NaN;
  }
}

function median(values: number[]): number {
  const sorted = values.filter(value => !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function printRows(rows: Row[]): void {
  const newman = median(
    rows.find(row => row.measure.startsWith('Newman'))?.runs.map(run => run.ms) ?? [],
  );
  const table = rows.map(row => {
    const whole = median(row.runs.map(run => run.ms));
    return [
      row.measure,
      `${formatMs(whole)} (${row.runs.length})`,
      row.inProcessMs === undefined ? '' : formatMs(median(row.inProcessMs)),
      Number.isNaN(newman) || row.measure.startsWith('Newman') ? '' : (whole / newman).toFixed(2),
      row.includes,
    ];
  });
  printTable(
    [
      'Measure (repository, 46 operations)',
      'Median (runs)',
      'In-process',
      '÷ Newman',
      'What the figure includes',
    ],
    table,
  );
}

function printScaling(scaled: Array<{ size: number; row: Row }>): void {
  let previous: { size: number; ms: number } | undefined;
  const table = scaled.map(({ size, row }) => {
    const whole = median(row.runs.map(run => run.ms));
    const ratio =
      previous === undefined
        ? ''
        : `${(whole / previous.ms).toFixed(2)} (size ×${+(size / previous.size).toFixed(2)})`;
    previous = { size, ms: whole };
    return [
      String(size),
      `${formatMs(whole)} (${row.runs.length})`,
      formatMs(median(row.inProcessMs ?? [])),
      ratio,
      formatMb(median(row.runs.map(run => run.selfMb ?? Number.NaN))),
      formatMb(median(row.runs.map(run => run.childMb ?? Number.NaN))),
    ];
  });
  process.stdout.write('\n');
  printTable(
    [
      'Operations',
      'Full check (runs)',
      'In-process',
      '÷ previous size',
      'Peak RSS, check',
      'Peak RSS, Prism host',
    ],
    table,
  );
}

function printTargets(
  full: number,
  newman: number,
  staticRow: Row,
  scaled: Array<{ size: number; row: Row }>,
): void {
  const staticWhole = median(staticRow.runs.map(run => run.ms));
  const staticInProcess = median(staticRow.inProcessMs ?? []);
  const largest = scaled.find(entry => entry.size === 2000);
  const times = scaled.map(entry => ({
    size: entry.size,
    ms: median(entry.row.runs.map(run => run.ms)),
  }));
  const doublings = times
    .slice(1)
    .filter((entry, index) => entry.size === 2 * (times[index]?.size ?? 0));
  const worstDoubling = Math.max(
    ...doublings.map(entry => entry.ms / (times[times.indexOf(entry) - 1]?.ms ?? entry.ms)),
  );
  const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const lines = [
    `full check ≤ 0.8 × Newman: ${(full / newman).toFixed(2)} × — ${verdict(full <= 0.8 * newman)}`,
    `static check < 0.5 s: ${formatMs(staticWhole)} whole process, ${formatMs(staticInProcess)} in-process — ${verdict(staticWhole < 500)} / ${verdict(staticInProcess < 500)}`,
  ];
  if (largest !== undefined) {
    const ms = median(largest.row.runs.map(run => run.ms));
    const mb = median(largest.row.runs.map(run => run.selfMb ?? Number.NaN));
    lines.push(`2,000 operations < 20 s: ${formatMs(ms)} — ${verdict(ms < 20_000)}`);
    lines.push(
      `2,000 operations peak < 400 MB (check process): ${formatMb(mb)} — ${verdict(mb < 400)}`,
    );
  }
  if (doublings.length > 0)
    lines.push(
      `each doubling ≤ 2.2 × time: worst ${worstDoubling.toFixed(2)} × — ${verdict(worstDoubling <= 2.2)}`,
    );
  process.stdout.write(`\nTargets (issue #6):\n${lines.map(line => `- ${line}`).join('\n')}\n`);
  const load = os
    .loadavg()
    .map(value => value.toFixed(2))
    .join(' ');
  process.stdout.write(
    `\nLoad average at the end: ${load} (on ${os.availableParallelism()} CPUs; above that, other work shared the machine).\n`,
  );
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map(row => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map(width => '-'.repeat(width + 2)).join('|')}|`;
  process.stdout.write(`${[line(header), rule, ...rows.map(line)].join('\n')}\n`);
}

function formatMs(ms: number): string {
  return Number.isNaN(ms)
    ? 'n/a'
    : ms >= 10_000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${Math.round(ms)} ms`;
}

function formatMb(mb: number): string {
  return Number.isNaN(mb) ? 'n/a' : `${Math.round(mb)} MB`;
}

main()
  .then(code => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`The benchmark failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  })
  .finally(() => stopAllPrism());
