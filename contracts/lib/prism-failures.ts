// The ToolErrors of a Prism start that failed: what failed first, then the tail of Prism's output.

import * as path from 'node:path';

import { ToolError } from './errors';
import { appendTail } from './prism-output';
import type { HostExit } from './prism-host-handle';

/** A spec path as messages show it: relative when inside the working directory. */
export function showPath(specPath: string): string {
  const relative = path.relative(process.cwd(), specPath);

  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
    ? specPath
    : relative;
}

export function describeExit(exit: HostExit): string {
  if (exit.signal !== null) return `signal ${exit.signal}`;

  return exit.code === null ? 'an error starting Node' : `code ${exit.code}`;
}

export function notReadyError(shown: string, message: string, tail: string): ToolError {
  return new ToolError(
    'prism-not-ready',
    appendTail(`Prism could not load ${shown}: ${message}`, tail),
    {
      file: shown,
      outputTail: tail,
    },
  );
}

export function exitedError(shown: string, what: string, tail: string): ToolError {
  return new ToolError(
    'prism-exited',
    appendTail(`${what} before it was ready (loading ${shown}).`, tail),
    {
      file: shown,
      outputTail: tail,
    },
  );
}

export function timeoutError(
  shown: string,
  timeoutMs: number,
  hostWasReady: boolean,
  tail: string,
): ToolError {
  const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Number((timeoutMs / 1000).toFixed(1))} s`;
  const message = hostWasReady
    ? `Prism did not become ready within ${limit} while loading ${shown}; a long $ref cycle can make Prism's dereferencing this slow.`
    : `Prism's host process did not start within ${limit} (it loads Prism's modules, which normally takes about a second).`;

  return new ToolError('prism-timeout', appendTail(message, tail), {
    file: shown,
    outputTail: tail,
  });
}
