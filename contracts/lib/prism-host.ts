// The Prism host: a long-lived child process that loads Prism's modules once and then serves
// one Prism mock server per spec on demand, each on a free port of 127.0.0.1.
// Started by prism-host-handle.ts; it exits as soon as its parent is gone.

import { Worker } from 'node:worker_threads';

import { LineTail } from './prism-output';
import { loadPrism, refuseDownloads, serveSpec } from './prism-serve';
import type { ServedSpec } from './prism-serve';

export type HostRequest =
  { type: 'start'; id: number; specPath: string; tag: string } | { type: 'stop'; id: number };

export type HostReply =
  | { type: 'ready' }
  | { type: 'started'; id: number; url: string }
  | { type: 'failed'; id: number; message: string; outputTail: string }
  | { type: 'stopped'; id: number };

const SERVER_LOG_LINES = 50;

// Polls the parent pid from a worker thread: 'disconnect' needs a free event loop, and
// dereferencing a spec with long $ref cycles can block it for minutes.
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
setInterval(() => {
  if (process.ppid !== workerData.parentPid) process.kill(process.pid, 'SIGKILL');
}, 200);
`;

export function runPrismHost(): void {
  if (!process.send) throw new Error('the Prism host must be started with an IPC channel');

  process.on('disconnect', () => process.exit(0));
  new Worker(WATCHDOG_SOURCE, { eval: true, workerData: { parentPid: process.ppid } }).unref();
  refuseDownloads();
  loadPrism();

  const servers = new Map<number, ServedSpec>();
  process.on('message', (request: HostRequest) => {
    if (request.type === 'start') void startServer(request, servers);
    else void stopServer(request.id, servers);
  });
  reply({ type: 'ready' });
}

async function startServer(
  request: Extract<HostRequest, { type: 'start' }>,
  servers: Map<number, ServedSpec>,
): Promise<void> {
  const log = new LineTail(SERVER_LOG_LINES);
  // stdout is a pipe, written synchronously on Linux, so the parent sees these lines even if
  // this process is later killed while stuck.
  const writeLog = (line: string): void => {
    log.pushLine(line);
    process.stdout.write(`[${request.tag}] ${line}\n`);
  };

  try {
    const served = await serveSpec({
      specPath: request.specPath,
      host: '127.0.0.1',
      port: 0,
      writeLog,
      validateResponses: false,
    });
    servers.set(request.id, served);
    reply({ type: 'started', id: request.id, url: served.url });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    writeLog(`[CLI] fatal: ${message}`);
    reply({ type: 'failed', id: request.id, message, outputTail: log.tail() });
  }
}

async function stopServer(id: number, servers: Map<number, ServedSpec>): Promise<void> {
  const served = servers.get(id);
  servers.delete(id);
  await served?.close().catch(() => undefined);
  reply({ type: 'stopped', id });
}

function reply(message: HostReply): void {
  process.send?.(message);
}
