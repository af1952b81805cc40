// `npm start`: serves spec/openapi.json with Prism for frontend development.
// HOST (default 127.0.0.1) and PORT (default 4010) choose where; Ctrl-C stops it.
// MOCK_SPEC serves another spec file instead (the tests use a small one).
// Exit codes: 0 stopped by a signal, 1 the port is taken, 2 bad settings or an unloadable spec.

import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import * as path from 'node:path';

import { listenErrorCode, refuseDownloads, serveSpec } from '../contracts/lib/prism-serve';

const SPEC_PATH = path.resolve(
  process.env['MOCK_SPEC'] ?? path.join(__dirname, '..', 'spec', 'openapi.json'),
);
const SPEC_SHOWN = path.relative(process.cwd(), SPEC_PATH) || SPEC_PATH;
const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = '4010';
const CLOSE_TIMEOUT_MS = 2_000;
const PARENT_POLL_MS = 500;
const HOSTNAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

interface Address {
  host: string;
  port: number;
}

async function main(): Promise<number> {
  // 1. Settings.
  const address = readAddress(
    process.env['HOST'] ?? DEFAULT_HOST,
    process.env['PORT'] ?? DEFAULT_PORT,
  );
  if (typeof address === 'string') return fail(address, 2);

  // 2. Start Prism; a signal during the start stops the mock right after it.
  const stopRequested = new Promise<string>(resolve => {
    process.once('SIGINT', () => resolve('Received SIGINT'));
    process.once('SIGTERM', () => resolve('Received SIGTERM'));
    // A closed terminal sends SIGHUP; without a handler Node would die and leave no message.
    process.once('SIGHUP', () => resolve('Received SIGHUP'));
    watchParent(() => resolve('The process that started the mock has gone'));
  });
  // When the output is piped into something that stops reading (`npm start | head`), keep
  // serving quietly instead of dying with EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  refuseDownloads();
  let served;
  try {
    served = await serveSpec({ specPath: SPEC_PATH, ...address, writeLog: printRequestLog });
  } catch (error) {
    const code = listenErrorCode(error);
    return fail(describeStartFailure(address, code, error), code === 'EADDRINUSE' ? 1 : 2);
  }

  // 3. Serve until Ctrl-C, SIGTERM or the parent's death; a second signal ends it at once.
  printBanner(toUrl(address.host, Number(/:(\d+)$/.exec(served.url)?.[1] ?? address.port)));
  const reason = await stopRequested;
  console.log(`\n${reason}, stopping the mock.`);
  await Promise.race([
    served.close(),
    new Promise(resolve => setTimeout(resolve, CLOSE_TIMEOUT_MS)),
  ]);

  return 0;
}

// `npm start` runs us under a shell; npm's SIGTERM reaches only that shell, so notice its death.
function watchParent(onGone: () => void): void {
  const parentPid = process.ppid;
  setInterval(() => {
    if (process.ppid !== parentPid) onGone();
  }, PARENT_POLL_MS).unref();
}

function readAddress(host: string, port: string): Address | string {
  if (isIP(host) === 0 && !HOSTNAME.test(host)) {
    return `Expected HOST to be an IP address or a host name, got "${host}" (string).`;
  }
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    return `Expected PORT to be a port number from 0 to 65535, got "${port}" (string).`;
  }

  return { host, port: Number(port) };
}

function printBanner(url: string): void {
  console.log(`PixCrawler mock listening on ${url}`);
  console.log(`Point the frontend at it: NEXT_PUBLIC_API_URL=${url}/api/v1`);
  console.log(`Try it: curl -i ${url}${pickExamplePath()}`);
  console.log(`Serving ${SPEC_SHOWN} with Prism (static examples). Press Ctrl-C to stop.\n`);
}

// A GET without path parameters makes the simplest curl example; /api/v1/health if there is one.
function pickExamplePath(): string {
  try {
    const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Record<string, unknown>;
    const paths = (spec['paths'] ?? {}) as Record<string, Record<string, unknown>>;
    const hasGet = (item: Record<string, unknown>): boolean =>
      'get' in item || (typeof item['$ref'] === 'string' && hasGet(followRef(spec, item['$ref'])));
    const candidates = Object.keys(paths).filter(
      key => !key.includes('{') && hasGet(paths[key] ?? {}),
    );

    return candidates.find(key => key.endsWith('/health')) ?? candidates[0] ?? '/api/v1/health';
  } catch {
    return '/api/v1/health';
  }
}

// Path items in our spec are often "$ref": "#/components/pathItems/...".
function followRef(document: unknown, ref: string): Record<string, unknown> {
  const segments = ref.startsWith('#/') ? ref.slice(2).split('/') : [];
  const target = segments.reduce<unknown>(
    (node, segment) =>
      (node as Record<string, unknown> | undefined)?.[
        segment.replace(/~1/g, '/').replace(/~0/g, '~')
      ],
    ref.startsWith('#/') ? document : undefined,
  );

  return typeof target === 'object' && target !== null ? (target as Record<string, unknown>) : {};
}

// One line per request and per outcome, from Prism's own log; the rest of it stays quiet.
function printRequestLog(line: string): void {
  const received = /^\[HTTP SERVER\] info: Request received (.*)$/.exec(line);
  const responded = /^\[NEGOTIATOR\] info: > Responding with "(\d+)"/.exec(line);
  const failed = /^\[HTTP SERVER\] error: Request terminated with error: (.*)$/.exec(line);
  const violation = /^\[VALIDATOR\] (?:error|warn): (.*)$/.exec(line);

  if (received) console.log(`-> ${received[1]}`);
  else if (responded) console.log(`<- ${responded[1]}`);
  else if (failed)
    console.log(`<- error: ${failed[1]?.replace(/^https:\/\/stoplight\.io\/prism\/errors#/, '')}`);
  else if (violation) console.log(`   ${violation[1]}`);
}

function toUrl(host: string, port: number): string {
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

function fail(message: string, exitCode: number): number {
  console.error(message);

  return exitCode;
}

function describeStartFailure(address: Address, code: string | undefined, error: unknown): string {
  const where = `${address.host}:${address.port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${address.port} on ${address.host} is already in use; stop whatever uses it or choose another port, e.g. PORT=${address.port === 4010 ? 4011 : 4010} npm start.`;
    case 'EACCES':
      return `Not allowed to listen on ${where}; ports below 1024 need privileges, so choose another, e.g. PORT=4010 npm start.`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `Cannot listen on HOST=${address.host}: it is not an address of this machine; use e.g. HOST=127.0.0.1.`;
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return `Prism could not serve ${SPEC_SHOWN}: ${message}`;
    }
  }
}

main().then(
  exitCode => process.exit(exitCode),
  (error: unknown) => {
    console.error(`The mock crashed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
