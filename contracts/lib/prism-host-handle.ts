// The parent's side of one Prism host process (prism-host.ts): spawns it, asks it for servers
// over IPC, bounds every wait, and tells each server when the host has died.

import { spawn } from 'node:child_process';
import { Socket } from 'node:net';
import * as path from 'node:path';

import { describeExit, exitedError, notReadyError, showPath, timeoutError } from './prism-failures';
import { LineTail } from './prism-output';
import { PrismServerHandle } from './prism-server-handle';
import type { ChildProcess } from 'node:child_process';
import type { PrismServer } from './prism';
import type { HostReply, HostRequest } from './prism-host';

export interface HostExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

type StartOutcome =
  | Extract<HostReply, { type: 'started' | 'failed' }>
  | { type: 'exited'; exit: HostExit }
  | { type: 'timeout' };

const HOST_OUTPUT_LINES = 500;
const KILL_GRACE_MS = 2_000;
const STOP_TIMEOUT_MS = 5_000;

// Registers tsx only for our own .ts files: Prism's ~2,000 modules load 0.3 s faster without it.
const BOOTSTRAP = `
const unregister = require(process.argv[1]).register();
const { runPrismHost } = require(process.argv[2]);
unregister();
runPrismHost();
`;

export class PrismHostHandle {
  readonly pid: number;
  readonly closed: Promise<HostExit>;
  private readonly child: ChildProcess;
  private readonly output = new LineTail(HOST_OUTPUT_LINES);
  private readonly waiting = new Map<number, (reply: HostReply) => void>();
  private readonly servers = new Set<PrismServerHandle>();
  private readonly ready: Promise<void>;
  private isReady = false;
  private stopReason: string | undefined;
  private exitReason: string | undefined;
  private nextId = 1;

  constructor() {
    const args = [
      '-e',
      BOOTSTRAP,
      require.resolve('tsx/cjs/api'),
      path.join(__dirname, 'prism-host.ts'),
    ];
    this.child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    this.pid = this.child.pid ?? -1;
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.setEncoding('utf8').on('data', (chunk: string) => this.output.pushChunk(chunk));
    }
    this.closed = new Promise(resolve => {
      this.child.once('close', (code, signal) => resolve({ code, signal }));
      this.child.on('error', () => resolve({ code: null, signal: null }));
    });
    this.ready = new Promise(resolve => this.waiting.set(0, () => resolve()));
    this.child.on('message', (reply: HostReply) => this.receive(reply));
    void this.closed.then(exit => this.markDead(exit));
    this.letParentExitWhenIdle();
  }

  isAlive(): boolean {
    return this.exitReason === undefined && this.stopReason === undefined;
  }

  async start(specPath: string, timeoutMs: number): Promise<PrismServer> {
    const id = this.nextId++;
    const tag = `#${id} ${path.basename(specPath)}`;
    const shown = showPath(specPath);
    const outcome = await this.waitForStart({ type: 'start', id, specPath, tag }, timeoutMs);
    const tailOf = (): string => this.output.tail(undefined, line => belongsTo(line, tag));

    switch (outcome.type) {
      case 'started': {
        const server = new PrismServerHandle(this, id, outcome.url, specPath);
        this.servers.add(server);
        return server;
      }
      case 'failed':
        throw notReadyError(shown, outcome.message, outcome.outputTail);
      case 'exited':
        throw exitedError(
          shown,
          this.stopReason ?? `Prism exited with ${describeExit(outcome.exit)}`,
          tailOf(),
        );
      case 'timeout': {
        const hostWasReady = this.isReady;
        await this.stop(`Prism was stopped because ${shown} did not become ready in time`);
        throw timeoutError(shown, timeoutMs, hostWasReady, tailOf());
      }
    }
  }

  /** Stops a server; a host that does not answer within 5 s is killed instead. */
  async stopServer(server: PrismServerHandle): Promise<void> {
    if (this.exitReason === undefined) {
      const answered = await this.ask({ type: 'stop', id: server.id }, STOP_TIMEOUT_MS);
      if (!answered)
        await this.stop(`Prism was stopped because ${showPath(server.specPath)} did not stop`);
    }
    this.servers.delete(server);
  }

  /** Kills the host: SIGTERM, then SIGKILL after a grace period; resolves once it is gone. */
  async stop(reason: string): Promise<void> {
    this.stopReason ??= reason;
    if (this.exitReason !== undefined) return;

    this.child.kill('SIGTERM');
    const forceKill = setTimeout(() => this.child.kill('SIGKILL'), KILL_GRACE_MS);
    await this.closed;
    clearTimeout(forceKill);
  }

  /** For process 'exit' handlers, which cannot wait. */
  killNow(): void {
    if (this.exitReason === undefined) this.child.kill('SIGKILL');
  }

  private waitForStart(request: HostRequest, timeoutMs: number): Promise<StartOutcome> {
    return new Promise(resolve => {
      const settle = (outcome: StartOutcome): void => {
        clearTimeout(timer);
        this.waiting.delete(request.id);
        resolve(outcome);
      };
      const timer = setTimeout(() => settle({ type: 'timeout' }), timeoutMs);
      this.waiting.set(request.id, reply => settle(reply as StartOutcome));
      void this.closed.then(exit => settle({ type: 'exited', exit }));
      void this.ready.then(() => this.send(request));
    });
  }

  // Resolves true when the host answers, false when it does not in time or dies.
  private ask(request: HostRequest, timeoutMs: number): Promise<boolean> {
    return new Promise(resolve => {
      const settle = (answered: boolean): void => {
        clearTimeout(timer);
        this.waiting.delete(request.id);
        resolve(answered);
      };
      const timer = setTimeout(() => settle(false), timeoutMs);
      this.waiting.set(request.id, () => settle(true));
      void this.closed.then(() => settle(false));
      this.send(request);
    });
  }

  // A host that died meanwhile is reported through `closed`, not here.
  private send(request: HostRequest): void {
    if (this.child.connected) this.child.send(request, () => undefined);
  }

  private receive(reply: HostReply): void {
    if (reply.type === 'ready') this.isReady = true;
    this.waiting.get(reply.type === 'ready' ? 0 : reply.id)?.(reply);
  }

  private markDead(exit: HostExit): void {
    this.exitReason = this.stopReason ?? `Prism stopped unexpectedly (${describeExit(exit)})`;
    for (const server of this.servers) server.markDead(this.exitReason);
    this.servers.clear();
  }

  // The host is reached through pipes that would keep this process alive on their own; pending
  // waits hold timers, so unref'ing the pipes never cuts a wait short.
  private letParentExitWhenIdle(): void {
    this.child.unref();
    this.child.channel?.unref();
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream instanceof Socket) stream.unref();
    }
  }
}

// Host lines are tagged "[#<id> <spec>] "; untagged lines are the host's own (a crash, say).
function belongsTo(line: string, tag: string): boolean {
  return !line.startsWith('[#') || line.startsWith(`[${tag}] `);
}
