// Runs the contract check's CLI (scripts/check.ts) as a child process, the way CI does, and
// returns what it printed. Never rejects on a non-zero exit: the exit code is the result.
import * as path from 'node:path';

import execa from 'execa';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CHECK_SCRIPT = path.join(REPO_ROOT, 'scripts', 'check.ts');

export interface CliResult {
  /** The exit code; -1 when the process ended by a signal or could not start. */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** True when `timeoutMs` ran out and the child was killed. */
  timedOut: boolean;
  durationMs: number;
}

export interface RunCliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kills the child (SIGTERM) after this long. Default 60 s. */
  timeoutMs?: number;
}

/**
 * `node --require tsx/cjs scripts/check.ts ...args`: the same TypeScript loader as `npx tsx`,
 * in one process instead of two, so a test that kills it kills the check itself.
 */
export async function runCli(
  args: readonly string[],
  options: RunCliOptions = {},
): Promise<CliResult> {
  const started = Date.now();
  const result = await execa(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), CHECK_SCRIPT, ...args],
    {
      cwd: options.cwd ?? REPO_ROOT,
      env: { NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      reject: false,
      stripFinalNewline: false,
      timeout: options.timeoutMs ?? 60_000,
      stdin: 'ignore',
    },
  );
  return {
    exitCode: typeof result.exitCode === 'number' ? result.exitCode : -1,
    stdout: result.stdout,
    stderr: result.stderr,
    timedOut: result.timedOut,
    durationMs: Date.now() - started,
  };
}

/** Lines that look like a JavaScript stack frame ("    at fn (/path/file.ts:12:5)"). */
export const STACK_FRAME = /^\s*at\s+(?:.*\()?(?:node:|file:|\/|[A-Za-z]:\\).*:\d+:\d+\)?\s*$/m;
