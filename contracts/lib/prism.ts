// Prism mock servers for the contract suite: one per spec file, each on a free port of
// 127.0.0.1, all served by one long-lived Prism host process per test process so that Prism's
// modules load once. No server or host outlives the process that started it.

import * as path from 'node:path';

import { PrismHostHandle } from './prism-host-handle';
import { registerHost, stopAllHosts } from './prism-registry';

export interface PrismServer {
  /** 'http://127.0.0.1:<port>' */
  readonly url: string;
  /** Absolute path of the spec this server mocks. */
  readonly specPath: string;
  /** Why this server can no longer answer (host died, stopped), or undefined while alive. */
  deadReason(): string | undefined;
  /** Never rejects; resolves with the reason once the server is dead (for racing requests). */
  readonly died: Promise<string>;
  stop(): Promise<void>;
  /** For tests only: the pid of the host process serving this server. */
  readonly hostPid: number;
}

export interface StartPrismOptions {
  specPath: string;
  /** Bound on the whole start, including the host's own start. Default 20000. */
  readyTimeoutMs?: number;
  /**
   * Start a host process of its own instead of sharing one, so that several Prisms can answer
   * in parallel on several cores (Prism answers one request at a time). Stopping the server
   * stops that host too.
   */
  ownHost?: boolean;
}

const DEFAULT_READY_TIMEOUT_MS = 20_000;

let sharedHost: PrismHostHandle | undefined;

/**
 * Starts a Prism mock server for one spec. Rejects with a ToolError: 'prism-not-ready' when
 * Prism cannot load the spec, 'prism-exited' when the host dies first, 'prism-timeout' when
 * readiness takes longer than `readyTimeoutMs` (the host is then killed).
 */
export async function startPrism(options: StartPrismOptions): Promise<PrismServer> {
  const timeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(
      `Expected readyTimeoutMs to be a positive number, got ${String(timeoutMs)} (${typeof timeoutMs}).`,
    );
  }

  if (!options.ownHost) return ensureHost().start(path.resolve(options.specPath), timeoutMs);

  const host = new PrismHostHandle();
  registerHost(host);
  const server = await host.start(path.resolve(options.specPath), timeoutMs);
  return {
    url: server.url,
    specPath: server.specPath,
    hostPid: server.hostPid,
    died: server.died,
    deadReason: () => server.deadReason(),
    stop: async (): Promise<void> => {
      await server.stop();
      await host.stop('Prism was stopped');
    },
  };
}

/**
 * Starts the Prism host now, without a spec, so that loading Prism's modules (most of a second)
 * overlaps with whatever the caller does next. The next startPrism reuses it.
 */
export function warmPrism(): void {
  ensureHost();
}

function ensureHost(): PrismHostHandle {
  if (!sharedHost?.isAlive()) {
    sharedHost = new PrismHostHandle();
    registerHost(sharedHost);
  }
  return sharedHost;
}

/** Stops every Prism server and host this process started, and waits until they are gone. */
export async function stopAllPrism(): Promise<void> {
  await stopAllHosts('Prism was stopped');
}
