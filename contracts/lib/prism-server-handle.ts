// One Prism server as the suite sees it: its URL, and whether and why it has died.

import type { PrismServer } from './prism';
import type { PrismHostHandle } from './prism-host-handle';

export class PrismServerHandle implements PrismServer {
  readonly died: Promise<string>;
  readonly hostPid: number;
  private reason: string | undefined;
  private stopping: Promise<void> | undefined;
  private settleDied: (reason: string) => void = () => undefined;

  constructor(
    private readonly host: PrismHostHandle,
    readonly id: number,
    readonly url: string,
    readonly specPath: string,
  ) {
    this.hostPid = host.pid;
    this.died = new Promise(resolve => (this.settleDied = resolve));
  }

  deadReason(): string | undefined {
    return this.reason;
  }

  // Memoized: a second call while the first is under way waits for the same answer.
  stop(): Promise<void> {
    this.stopping ??= this.stopOnce();

    return this.stopping;
  }

  /** The first reason wins: a server stopped on purpose stays "stopped" when its host exits. */
  markDead(reason: string): void {
    this.reason ??= reason;
    this.settleDied(this.reason);
  }

  private async stopOnce(): Promise<void> {
    if (this.reason !== undefined) return;

    await this.host.stopServer(this);
    this.markDead('Prism was stopped');
  }
}
