// Every Prism host this process started, so that none outlives it. Hosts are stopped on a
// normal exit, on an uncaught exception (Node still emits 'exit'), and on SIGINT and SIGTERM,
// after which the signal is raised again so the process ends the way it would have.
// The hosts also exit by themselves when this process dies in a way no handler sees (SIGKILL).

import type { PrismHostHandle } from './prism-host-handle';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

const hosts = new Set<PrismHostHandle>();

export function registerHost(host: PrismHostHandle): void {
  if (hosts.size === 0) installHandlers();
  hosts.add(host);

  void host.closed.then(() => {
    hosts.delete(host);
    if (hosts.size === 0) removeHandlers();
  });
}

export async function stopAllHosts(reason: string): Promise<void> {
  await Promise.all([...hosts].map(host => host.stop(reason)));
}

function installHandlers(): void {
  process.on('exit', killAllNow);
  for (const signal of STOP_SIGNALS) process.on(signal, stopAndReraise);
}

function removeHandlers(): void {
  process.off('exit', killAllNow);
  for (const signal of STOP_SIGNALS) process.off(signal, stopAndReraise);
}

function killAllNow(): void {
  for (const host of hosts) host.killNow();
}

// Our listener replaced the signal's default action; once the hosts are gone, give it back,
// unless another listener has taken charge of the signal.
function stopAndReraise(signal: NodeJS.Signals): void {
  removeHandlers();
  void stopAllHosts(`Prism was stopped because this process received ${signal}`).then(() => {
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}
