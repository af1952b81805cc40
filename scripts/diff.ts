// `npm run diff -- --base <git ref> [--spec FILE] [--format text|json|github] [--accept-breaking]`
// Compares the spec with its version at a git ref. Exit codes: 0 nothing breaking (or breaking
// changes accepted), 1 breaking changes, 2 unusable input (unknown ref, unreadable spec).
import { execFileSync } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { diffSpecs } from '../contracts/diff';
import { DIFF_FORMATS, formatDiff, isDiffFormat } from '../contracts/diff/format';
import { isToolError } from '../contracts/lib/errors';
import { loadJsonSource, parseJsonSource } from '../contracts/lib/json-source';

const DEFAULT_SPEC = 'spec/openapi.json';
const USAGE = `Usage: npm run diff -- --base <git ref> [--spec FILE] [--format ${DIFF_FORMATS.join('|')}] [--accept-breaking]`;
// git show of a 20 MB spec fits well within this; the loader refuses larger documents anyway.
const MAX_GIT_OUTPUT_BYTES = 64 * 1024 * 1024;

function main(): number {
  // 1. Arguments.
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        base: { type: 'string' },
        spec: { type: 'string', default: DEFAULT_SPEC },
        format: { type: 'string', default: 'text' },
        'accept-breaking': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    return fail(`${(error as Error).message}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.base === undefined || values.base === '')
    return fail('Expected --base to name a git ref (a branch, tag or commit), got nothing.');
  if (values.base.startsWith('-'))
    return fail(`Expected --base to name a git ref, got the option-like "${values.base}".`);
  if (!isDiffFormat(values.format))
    return fail(
      `Expected --format to be one of ${DIFF_FORMATS.join(', ')}, got "${values.format}".`,
    );

  // 2. Both versions of the spec, with positions.
  const specFile = relative(process.cwd(), resolve(values.spec)) || values.spec;
  let baseText: string;
  try {
    baseText = readAtRef(values.base, specFile);
  } catch (error) {
    return fail(
      `The spec "${specFile}" cannot be read at the git ref "${values.base}": ${describeGitError(error)}.`,
      false,
    );
  }
  try {
    const base = parseJsonSource(
      baseText,
      `${specFile}@${values.base}`,
      `The OpenAPI document at "${values.base}"`,
    );
    const head = loadJsonSource(specFile, 'The OpenAPI document');

    // 3. Compare and report.
    const diff = diffSpecs(base, head);
    const accepted = values['accept-breaking'];
    process.stdout.write(formatDiff(diff, values.format, { base: values.base, accepted }));
    return diff.breaking.length > 0 && !accepted ? 1 : 0;
  } catch (error) {
    if (!isToolError(error)) throw error;
    return fail(error.message, false);
  }
}

// "git show ref:path" needs a path relative to the repository root, which "./" makes git accept
// from any working directory inside the repository.
function readAtRef(ref: string, file: string): string {
  return execFileSync('git', ['show', `${ref}:./${file}`], {
    encoding: 'utf8',
    maxBuffer: MAX_GIT_OUTPUT_BYTES,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function describeGitError(error: unknown): string {
  const stderr = String((error as { stderr?: unknown }).stderr ?? '')
    .trim()
    .split('\n')[0];
  return stderr === undefined || stderr === ''
    ? (error as Error).message
    : stderr.replace(/^fatal: /, '').replace(/\.+$/, '');
}

function fail(message: string, withUsage = true): number {
  process.stderr.write(`${message}\n${withUsage ? `${USAGE}\n` : ''}`);
  return 2;
}

try {
  process.exitCode = main();
} catch (error) {
  // Comparison problems are reported as changes; reaching here is a bug in this tool.
  process.stderr.write(
    `The spec diff failed unexpectedly: ${(error as Error).message ?? String(error)}\n`,
  );
  process.exitCode = 2;
}
