// Prism's lifecycle (issue 5): servers start on free loopback ports, failures are bounded and
// explained, and no Prism process outlives whoever started it, however that process ends.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { isToolError } from '../../contracts/lib/errors';
import { startPrism, stopAllPrism } from '../../contracts/lib/prism';
import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:net';

const REPO = path.join(__dirname, '..', '..');
const FIXTURES = path.join(REPO, 'tests', 'fixtures', 'prism');
const TINY_SPEC = path.join(FIXTURES, 'tiny.oas3.json');
const PARENT_SCRIPT = path.join(FIXTURES, 'start-then-wait.ts');
const START_MOCK = path.join(REPO, 'scripts', 'start-mock.ts');
const TSX_CJS = require.resolve('tsx/cjs');
const GONE_WITHIN_MS = 5_000;

jest.setTimeout(30_000);

// Written once at load time; every test that needs a slow spec shares it.
const workDir = mkdtempSync(path.join(tmpdir(), 'prism-lifecycle-'));
const cycleSpec = writeCycleSpec(workDir);
const children: ChildProcess[] = [];
const outputs = new Map<ChildProcess, { text: string }>();
const occupiedPorts: Server[] = [];

// No cleanup between tests: they share one Prism host where they can, as a host costs about a
// second to start.
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const server of occupiedPorts) server.close();
  await stopAllPrism();
  rmSync(workDir, { recursive: true, force: true });
});

describe('startPrism', () => {
  test('starts a server on 127.0.0.1 that answers with the example from the spec', async () => {
    const server = await startPrism({ specPath: TINY_SPEC });

    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.specPath).toBe(TINY_SPEC);
    expect(server.deadReason()).toBeUndefined();
    const response = await fetch(`${server.url}/api/v1/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('serves two specs at once, on different ports of one shared host', async () => {
    const first = await startPrism({ specPath: TINY_SPEC });
    const second = await startPrism({ specPath: TINY_SPEC });

    expect(second.url).not.toBe(first.url);
    expect(second.hostPid).toBe(first.hostPid);
    for (const server of [first, second]) {
      expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
    }
  });

  test('is not disturbed by a busy port, because every server gets a free one', async () => {
    const busyPort = await occupyPort();

    const server = await startPrism({ specPath: TINY_SPEC });

    expect(server.url).not.toBe(`http://127.0.0.1:${busyPort}`);
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });

  test('stops one server without disturbing the others', async () => {
    const stopped = await startPrism({ specPath: TINY_SPEC });
    const kept = await startPrism({ specPath: TINY_SPEC });

    await stopped.stop();

    expect(await stopped.died).toBe('Prism was stopped');
    expect(stopped.deadReason()).toBe('Prism was stopped');
    await expect(fetch(`${stopped.url}/api/v1/health`)).rejects.toThrow();
    expect((await fetch(`${kept.url}/api/v1/health`)).status).toBe(200);
  });

  test('rejects a spec whose $ref points nowhere with prism-not-ready and keeps the host', async () => {
    const healthy = await startPrism({ specPath: TINY_SPEC });

    const error = await startPrism({ specPath: path.join(FIXTURES, 'broken-ref.oas3.json') }).catch(
      (caught: unknown) => caught,
    );

    expect(isToolError(error) && error.code).toBe('prism-not-ready');
    expect(String(error)).toContain(
      'Prism could not load tests/fixtures/prism/broken-ref.oas3.json',
    );
    expect(String(error)).toContain(
      'token "components" in "#/components/schemas/Missing" does not exist',
    );
    expect(isToolError(error) && error.outputTail).toContain('[CLI] fatal:');
    expect(healthy.deadReason()).toBeUndefined();
    expect((await startPrism({ specPath: TINY_SPEC })).hostPid).toBe(healthy.hostPid);
  });

  test('rejects a missing spec file with prism-not-ready', async () => {
    await expect(
      startPrism({ specPath: path.join(FIXTURES, 'missing.json') }),
    ).rejects.toMatchObject({
      code: 'prism-not-ready',
      message: expect.stringContaining('ENOENT'),
    });
  });

  test('refuses to download a $ref that points to a URL', async () => {
    await expect(
      startPrism({ specPath: path.join(FIXTURES, 'external-ref.oas3.json') }),
    ).rejects.toMatchObject({
      code: 'prism-not-ready',
      message: expect.stringContaining(
        'refusing to download "http://127.0.0.1:1/schemas/health.json"',
      ),
    });
  });

  test('times out on a spec that keeps Prism dereferencing, kills the host and says why', async () => {
    const bystander = await startPrism({ specPath: TINY_SPEC });

    const error = await startPrism({ specPath: cycleSpec, readyTimeoutMs: 1_000 }).catch(
      (caught: unknown) => caught,
    );

    expect(isToolError(error) && error.code).toBe('prism-timeout');
    expect(String(error)).toContain(
      `Prism did not become ready within 1 s while loading ${cycleSpec}; ` +
        "a long $ref cycle can make Prism's dereferencing this slow.",
    );
    expect(isToolError(error) && typeof error.outputTail).toBe('string');
    expect(isRunning(bystander.hostPid)).toBe(false);
    expect(await bystander.died).toMatch(
      /^Prism was stopped because .* did not become ready in time$/,
    );
    expect((await startPrism({ specPath: TINY_SPEC })).hostPid).not.toBe(bystander.hostPid);
  });

  test('settles died and deadReason when the host is killed mid-run, then starts a new host', async () => {
    const server = await startPrism({ specPath: TINY_SPEC });

    process.kill(server.hostPid, 'SIGKILL');

    expect(await server.died).toBe('Prism stopped unexpectedly (signal SIGKILL)');
    expect(server.deadReason()).toBe('Prism stopped unexpectedly (signal SIGKILL)');
    const next = await startPrism({ specPath: TINY_SPEC });
    expect(next.hostPid).not.toBe(server.hostPid);
    expect((await fetch(`${next.url}/api/v1/health`)).status).toBe(200);
  });

  test('rejects with prism-exited and the reason when the host dies before the server is ready', async () => {
    const { hostPid } = await startPrism({ specPath: TINY_SPEC });
    const starting = startPrism({ specPath: cycleSpec });
    await sleep(300);

    process.kill(hostPid, 'SIGKILL');

    const error = await starting.catch((caught: unknown) => caught);
    expect(isToolError(error) && error.code).toBe('prism-exited');
    expect(String(error)).toContain(
      `Prism exited with signal SIGKILL before it was ready (loading ${cycleSpec}).`,
    );
  });

  test('stopAllPrism stops every server and leaves no host process', async () => {
    const servers = [
      await startPrism({ specPath: TINY_SPEC }),
      await startPrism({ specPath: TINY_SPEC }),
    ];

    await stopAllPrism();

    expect(isRunning(servers[0]?.hostPid ?? 0)).toBe(false);
    for (const server of servers) expect(await server.died).toBe('Prism was stopped');
  });

  test('rejects a readyTimeoutMs that is not a positive number', async () => {
    await expect(startPrism({ specPath: TINY_SPEC, readyTimeoutMs: 0 })).rejects.toThrow(
      'Expected readyTimeoutMs to be a positive number, got 0 (number).',
    );
  });
});

describe('a process that started Prism and then ends', () => {
  test('on SIGINT, stops its Prism host and still ends by SIGINT', async () => {
    const parent = runScript(PARENT_SCRIPT, ['wait', TINY_SPEC]);
    const hostPid = await readHostPid(parent);

    parent.kill('SIGINT');

    expect(await exitOf(parent)).toEqual({ code: null, signal: 'SIGINT' });
    expect(isRunning(hostPid)).toBe(false);
  });

  test('on finishing normally, stops its Prism host', async () => {
    const parent = runScript(PARENT_SCRIPT, ['exit', TINY_SPEC]);
    const hostPid = await readHostPid(parent);

    expect(await exitOf(parent)).toEqual({ code: 0, signal: null });
    expect(await waitUntilGone(hostPid)).toBe(true);
  });

  test('when killed with SIGKILL, leaves a Prism host that exits by itself', async () => {
    const parent = runScript(PARENT_SCRIPT, ['wait', TINY_SPEC]);
    const hostPid = await readHostPid(parent);

    parent.kill('SIGKILL');

    expect(await exitOf(parent)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await waitUntilGone(hostPid)).toBe(true);
  });

  test('when killed while Prism is busy dereferencing, leaves a Prism host that exits by itself', async () => {
    const parent = runScript(PARENT_SCRIPT, ['wait-slow', TINY_SPEC, cycleSpec]);
    const hostPid = await readHostPid(parent);
    await readLine(parent, line => line === 'starting the slow spec');
    await sleep(300);

    parent.kill('SIGKILL');

    expect(await exitOf(parent)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await waitUntilGone(hostPid)).toBe(true);
  });
});

describe('npm start', () => {
  test('prints where it listens, answers, and exits 0 on Ctrl-C leaving no process', async () => {
    const mock = runScript(START_MOCK, [], { PORT: '0', MOCK_SPEC: TINY_SPEC }, true);

    const banner = await readLine(mock, line => line.startsWith('PixCrawler mock listening on '));
    const url = banner.replace('PixCrawler mock listening on ', '');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await readLine(mock, line => line.startsWith('Point the frontend'))).toBe(
      `Point the frontend at it: NEXT_PUBLIC_API_URL=${url}/api/v1`,
    );
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);

    const groupId = pidOf(mock);
    process.kill(-groupId, 'SIGINT');

    expect(await exitOf(mock)).toEqual({ code: 0, signal: null });
    // Helpers of the process (such as the TypeScript loader's) may take a moment longer to go.
    expect(await waitUntilGroupGone(groupId)).toBe(true);
  });

  test('names the busy port, tells how to choose another and exits 1', async () => {
    const busyPort = await occupyPort();
    const npm = spawn('npm', ['start'], {
      cwd: REPO,
      env: { ...process.env, PORT: String(busyPort), MOCK_SPEC: TINY_SPEC },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(npm);
    let stderr = '';
    npm.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

    expect((await exitOf(npm)).code).toBe(1);
    expect(stderr).toContain(`Port ${busyPort} on 127.0.0.1 is already in use;`);
    expect(stderr).toContain('choose another port, e.g. PORT=');
    expect(stderr).not.toContain('Options:');
  });

  test('rejects an invalid PORT with exit 2', async () => {
    const mock = runScript(START_MOCK, [], { PORT: '70000', MOCK_SPEC: TINY_SPEC });
    let stderr = '';
    mock.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

    expect((await exitOf(mock)).code).toBe(2);
    expect(stderr.trim()).toBe(
      'Expected PORT to be a port number from 0 to 65535, got "70000" (string).',
    );
  });
});

// A spec whose 300 schemas form one $ref cycle, used by 150 operations: Prism 5.14 needs many
// seconds to dereference it (17 s measured), far beyond the 1 s the tests allow.
function writeCycleSpec(dir: string): string {
  const size = 300;
  const ref = (index: number): { $ref: string } => ({
    $ref: `#/components/schemas/Node${index % size}`,
  });
  const schemas = Object.fromEntries(
    Array.from({ length: size }, (_, index) => [
      `Node${index}`,
      { type: 'object', properties: { id: { type: 'string' }, next: ref(index + 1) } },
    ]),
  );
  const paths = Object.fromEntries(
    Array.from({ length: 150 }, (_, index) => [
      `/api/v1/nodes${index}`,
      {
        get: {
          responses: {
            '200': {
              description: 'A node.',
              content: { 'application/json': { schema: ref(index) } },
            },
          },
        },
      },
    ]),
  );
  const file = path.join(dir, 'long-ref-cycle.oas3.json');
  writeFileSync(
    file,
    JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'Cycle', version: '1' },
      paths,
      components: { schemas },
    }),
  );

  return file;
}

// `inOwnGroup` starts it as a terminal would, so that Ctrl-C can be simulated for the group.
function runScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  inOwnGroup = false,
): ChildProcess {
  const child = spawn(process.execPath, ['--require', TSX_CJS, script, ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: inOwnGroup,
  });
  children.push(child);

  return child;
}

// Every line a child printed so far, kept from its start so that no line is missed between
// two waits (two lines often arrive in one chunk).
function readLine(child: ChildProcess, matches: (line: string) => boolean): Promise<string> {
  const output = outputs.get(child) ?? { text: '' };
  outputs.set(child, output);
  if (child.stdout?.listenerCount('data') === 0) {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.text += chunk));
  }

  return new Promise((resolve, reject) => {
    const check = (): void => {
      const line = output.text.split('\n').find(matches);
      if (line !== undefined) {
        clearInterval(poll);
        resolve(line);
      } else if (child.exitCode !== null || child.signalCode !== null) {
        clearInterval(poll);
        reject(new Error(`the process ended first, after printing: ${output.text}`));
      }
    };
    const poll = setInterval(check, 20);
    check();
  });
}

async function readHostPid(parent: ChildProcess): Promise<number> {
  const line = await readLine(parent, text => text.startsWith('{'));

  return (JSON.parse(line) as { hostPid: number }).hostPid;
}

function exitOf(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }

  return new Promise(resolve => child.once('exit', (code, signal) => resolve({ code, signal })));
}

async function occupyPort(): Promise<number> {
  const server = createServer();
  occupiedPorts.push(server);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();

  return typeof address === 'object' && address !== null ? address.port : 0;
}

// A zombie (exited, not yet reaped) still answers kill(pid, 0), so /proc decides on Linux.
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

// Guards process.kill(-pid): a missing pid must never turn into a signal to our own group.
function pidOf(child: ChildProcess): number {
  if (child.pid === undefined || child.pid <= 0) throw new Error('the child process has no pid');

  return child.pid;
}

function isGroupRunning(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGroupGone(groupId: number): Promise<boolean> {
  const deadline = Date.now() + GONE_WITHIN_MS;
  while (isGroupRunning(groupId)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

async function waitUntilGone(pid: number): Promise<boolean> {
  const deadline = Date.now() + GONE_WITHIN_MS;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }

  return true;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
