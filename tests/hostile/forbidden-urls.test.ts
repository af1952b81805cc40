// URLs that must never be sent. A full (not static) check runs in this process on a collection
// whose requests point at other hosts, with every way out of the process watched: dns.lookup,
// dns.promises.lookup, net.Socket#connect and the global fetch, and the Prism host child is
// preloaded with fixtures/net-guard.js, which records the same in its own process. All of them
// refuse anything but a numeric loopback address, so even a failing test contacts no one.
// The proof: the only target ever contacted is 127.0.0.1:<the port of the Prism this run
// started>, no DNS question is asked, and every forbidden request is a non-loopback-url finding.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { runCheck } from '../../contracts/lib/engine';
import type { CheckResult } from '../../contracts/lib/engine';
import { stopAllPrism } from '../../contracts/lib/prism';
import { resolveRequestUrl } from '../../contracts/lib/url';
import type { CollectionRequest } from '../../contracts/lib/types';

// The module objects themselves (an ES namespace import would be a copy that spies cannot reach).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dns: typeof import('node:dns') = require('node:dns');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const net: typeof import('node:net') = require('node:net');

jest.setTimeout(90_000);

const FIXTURES = path.join(__dirname, 'fixtures');
const SPEC = path.join(FIXTURES, 'spec-loopback.json');
const NET_GUARD = path.join(FIXTURES, 'net-guard.js');
const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const HEALTH = '/api/v1/health';

type Item = Record<string, unknown>;
const request = (name: string, url: unknown, extra: Item = {}): Item => ({
  name,
  request: { method: 'GET', url },
  ...extra,
});
const folder = (name: string, variables: Array<[string, string]>, items: Item[]): Item => ({
  name,
  variable: variables.map(([key, value]) => ({ key, value })),
  item: items,
});

/** Requests that must be replayed: every spelling of this machine's loopback address. */
const ALLOWED: Item[] = [
  request('baseUrl', `{{baseUrl}}/health`),
  request('localhost', `http://localhost:4010${HEALTH}`),
  request('IPv6 [::1]', `http://[::1]:4010${HEALTH}`),
  request('IPv6 [::1] written in full', `http://[0:0:0:0:0:0:0:1]:4010${HEALTH}`),
  request('127.1', `http://127.1:4010${HEALTH}`),
  request('0x7f.1', `http://0x7f.1:4010${HEALTH}`),
  request('2130706433', `http://2130706433:4010${HEALTH}`),
  request('0177.0.0.1', `http://0177.0.0.1:4010${HEALTH}`),
  request('127.255.255.254', `http://127.255.255.254:4010${HEALTH}`),
  request('scheme-less loopback', `127.0.0.1:4010${HEALTH}`),
];

/** Requests that must be reported and never sent, with the reason the finding must give. */
const FORBIDDEN: Array<{ item: Item; label: string; reason: RegExp }> = [
  ...(
    [
      ['another host', `http://example.com${HEALTH}`, /host "example\.com"/],
      ['another host over https', `https://example.org${HEALTH}`, /scheme "https:"/],
      ['scheme-less other host', `example.com${HEALTH}`, /host "example\.com"/],
      ['protocol-relative other host', `//example.org${HEALTH}`, /host "example\.org"/],
      [
        'look-alike 127.0.0.1.example.com',
        `http://127.0.0.1.example.com${HEALTH}`,
        /host "127\.0\.0\.1\.example\.com"/,
      ],
      [
        'look-alike localhost.example.com',
        `http://localhost.example.com:4010${HEALTH}`,
        /host "localhost\.example\.com"/,
      ],
      [
        'look-alike 127.0.0.1.nip.io',
        `http://127.0.0.1.nip.io${HEALTH}`,
        /host "127\.0\.0\.1\.nip\.io"/,
      ],
      [
        'look-alike split by a tab',
        `http://127.0.0.1\t.example.com${HEALTH}`,
        /host "127\.0\.0\.1\.example\.com"/,
      ],
      ['look-alike with a trailing dot', `http://localhost.:4010${HEALTH}`, /host "localhost\."/],
      [
        'user-info hiding a remote host',
        `http://127.0.0.1@example.com${HEALTH}`,
        /user information/,
      ],
      [
        'user-info in front of loopback',
        `http://example.com@127.0.0.1:4010${HEALTH}`,
        /user information/,
      ],
      [
        'user and password on loopback',
        `http://user:secret@127.0.0.1:4010${HEALTH}`,
        /user information/,
      ],
      ['file: scheme', 'file:///etc/passwd', /scheme "file:"/],
      ['ftp: scheme', `ftp://127.0.0.1${HEALTH}`, /scheme "ftp:"/],
      ['https: scheme on loopback', `https://127.0.0.1:4010${HEALTH}`, /scheme "https:"/],
      [
        'javascript: scheme',
        'javascript:fetch("http://example.com")',
        /scheme "javascript:"|cannot be parsed/,
      ],
      ['data: scheme', 'data:application/json,{}', /scheme "data:"|cannot be parsed/],
      ['ws: scheme', `ws://127.0.0.1:4010${HEALTH}`, /scheme "ws:"/],
      [
        'IPv4-mapped IPv6 ::ffff:7f00:1',
        `http://[::ffff:7f00:1]:4010${HEALTH}`,
        /host "\[::ffff:7f00:1\]"/,
      ],
      [
        'IPv4-mapped IPv6 ::ffff:127.0.0.1',
        `http://[::ffff:127.0.0.1]:4010${HEALTH}`,
        /host "\[::ffff:7f00:1\]"/,
      ],
      ['IPv6 unspecified [::]', `http://[::]:4010${HEALTH}`, /host "\[::\]"/],
      ['IPv6 documentation address', `http://[2001:db8::1]${HEALTH}`, /host "\[2001:db8::1\]"/],
      ['unspecified 0.0.0.0', `http://0.0.0.0:4010${HEALTH}`, /host "0\.0\.0\.0"/],
      ['a private address', `http://10.0.0.1${HEALTH}`, /host "10\.0\.0\.1"/],
      [
        'an undefined variable as host',
        `http://{{nowhere}}${HEALTH}`,
        /host "\{\{nowhere\}\}"|cannot be parsed/,
      ],
      [
        'a path that starts with "//"',
        `http://127.0.0.1:4010//example.com${HEALTH}`,
        /starts with "\/\/"/,
      ],
      [
        'a backslash path that becomes "//"',
        `http://127.0.0.1:4010/\\example.com${HEALTH}`,
        /starts with "\/\/"/,
      ],
      [
        'URL parts naming another host',
        { host: ['example', 'com'], path: ['api', 'v1', 'health'] },
        /host "example\.com"/,
      ],
    ] as Array<[string, unknown, RegExp]>
  ).map(([name, url, reason]) => ({ item: request(name, url), label: name, reason })),
  {
    item: request(
      'an empty path variable that makes "//"',
      `http://127.0.0.1:4010/:gap/example.com${HEALTH}`,
      {},
    ),
    label: 'an empty path variable that makes "//"',
    reason: /starts with "\/\/"/,
  },
  {
    item: request('request-level variable overrides baseUrl', `{{baseUrl}}/health`, {
      variable: [{ key: 'baseUrl', value: 'http://example.com/api/v1' }],
    }),
    label: 'request-level variable overrides baseUrl',
    reason: /host "example\.com"/,
  },
  {
    item: folder(
      'Folder overriding baseUrl',
      [['baseUrl', 'http://api.example.org/api/v1']],
      [request('folder-level override', '{{baseUrl}}/health')],
    ),
    label: 'Folder overriding baseUrl › folder-level override',
    reason: /host "api\.example\.org"/,
  },
  {
    item: folder(
      'Folder with a remote host variable',
      [
        ['host', 'example.test'],
        ['baseUrl', 'http://{{host}}:4010/api/v1'],
      ],
      [request('baseUrl resolving to a remote host', '{{baseUrl}}/health')],
    ),
    label: 'Folder with a remote host variable › baseUrl resolving to a remote host',
    reason: /host "example\.test"/,
  },
  {
    item: request('collection-level remote variable', '{{remoteBase}}/health'),
    label: 'collection-level remote variable',
    reason: /host "api\.example\.com"/,
  },
];
// The path variable of the "//" case is defined, and empty.
(
  FORBIDDEN.find(entry => entry.label.startsWith('an empty path variable'))?.item['request'] as Item
)['url'] = {
  raw: `http://127.0.0.1:4010/:gap/example.com${HEALTH}`,
  variable: [{ key: 'gap', value: '' }],
};

interface Contact {
  via: string;
  target: string;
}

describe('forbidden URLs: a full check sends nothing but loopback requests to its own Prism', () => {
  let tmp = '';
  let guardLog = '';
  let result: CheckResult;
  let exampleRefResult: CheckResult;
  let callbackResult: CheckResult;
  const contacts: Contact[] = [];
  const dnsQuestions: string[] = [];
  const restore: Array<() => void> = [];
  const savedNodeOptions = process.env['NODE_OPTIONS'];

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'pixcrawler-forbidden-'));
    guardLog = path.join(tmp, 'net-guard.log');
    const collectionPath = path.join(tmp, 'collection.json');
    writeFileSync(
      collectionPath,
      JSON.stringify({
        info: { name: 'Forbidden URLs', schema: SCHEMA },
        variable: [
          { key: 'baseUrl', value: 'http://127.0.0.1:4010/api/v1' },
          { key: 'remoteBase', value: 'http://api.example.com/api/v1' },
        ],
        item: [...ALLOWED, ...FORBIDDEN.map(entry => entry.item)],
      }),
    );

    // In this process: record, and refuse anything that is not a numeric loopback address.
    const isLoopbackIp = (host: unknown): boolean => host === '127.0.0.1' || host === '::1';
    const lookupSpy = jest.spyOn(dns, 'lookup').mockImplementation(((
      host: string,
      ...rest: unknown[]
    ) => {
      dnsQuestions.push(`dns.lookup ${host}`);
      const callback = rest.reverse().find(arg => typeof arg === 'function') as
        ((error: Error) => void) | undefined;
      process.nextTick(() =>
        callback?.(
          Object.assign(new Error(`test refused dns.lookup(${host})`), { code: 'ENOTFOUND' }),
        ),
      );
    }) as unknown as typeof dns.lookup);
    const promisesLookupSpy = jest.spyOn(dns.promises, 'lookup').mockImplementation((async (
      host: string,
    ) => {
      dnsQuestions.push(`dns.promises.lookup ${host}`);
      throw Object.assign(new Error(`test refused dns.promises.lookup(${host})`), {
        code: 'ENOTFOUND',
      });
    }) as unknown as typeof dns.promises.lookup);
    const originalConnect = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function connect(
      this: import('node:net').Socket,
      ...args: unknown[]
    ) {
      const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as unknown;
      const options = (
        typeof first === 'object' && first !== null ? first : { port: first, host: args[1] }
      ) as { host?: unknown; port?: unknown; path?: unknown };
      if (options.path === undefined) {
        const host = typeof options.host === 'string' ? options.host : 'localhost';
        contacts.push({ via: 'net.Socket#connect', target: `${host}:${String(options.port)}` });
        if (!isLoopbackIp(host)) {
          process.nextTick(() => this.destroy(new Error(`test refused a connection to ${host}`)));
          return this;
        }
      }
      return (originalConnect as (...a: unknown[]) => import('node:net').Socket).apply(this, args);
    } as typeof net.Socket.prototype.connect;
    const originalFetch = globalThis.fetch;
    globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      contacts.push({ via: 'fetch', target: url.href });
      if (!isLoopbackIp(url.hostname)) throw new Error(`test refused to fetch ${url.href}`);
      return originalFetch(input, init);
    }) as typeof fetch;
    restore.push(
      () => lookupSpy.mockRestore(),
      () => promisesLookupSpy.mockRestore(),
      () => (net.Socket.prototype.connect = originalConnect),
      () => (globalThis.fetch = originalFetch),
    );
    // In the Prism host: the same guard, preloaded.
    process.env['NODE_OPTIONS'] = `${savedNodeOptions ?? ''} --require ${NET_GUARD}`.trim();
    process.env['NET_GUARD_LOG'] = guardLog;

    result = await runCheck({ specPath: SPEC, collectionPath, static: false });
    // Prism resolves $refs everywhere, examples included; the Prism host must refuse to download.
    exampleRefResult = await runCheck({
      specPath: path.join(FIXTURES, 'spec-example-external-ref.json'),
      collectionPath: path.join(FIXTURES, 'collection-health.json'),
      static: false,
    });
    // Callbacks would make Prism send requests of its own: to a TEST-NET address, and to a
    // host named by the request body (a .invalid name, so a leak would show as a DNS question).
    callbackResult = await runCheck({
      specPath: path.join(FIXTURES, 'spec-callbacks.json'),
      collectionPath: path.join(FIXTURES, 'collection-callbacks.json'),
      static: false,
    });
  });

  afterAll(async () => {
    await stopAllPrism();
    for (const undo of restore.reverse()) undo();
    if (savedNodeOptions === undefined) delete process.env['NODE_OPTIONS'];
    else process.env['NODE_OPTIONS'] = savedNodeOptions;
    delete process.env['NET_GUARD_LOG'];
    if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
  });

  test('the run finishes with findings (exit 1), not a tool error', () => {
    expect(result.toolError).toBeUndefined();
    expect(result.exitCode).toBe(1);
  });

  test('every loopback spelling was replayed to Prism', () => {
    const replayed = result.requests
      .filter(outcome => outcome.replayed)
      .map(outcome => outcome.request.label);
    expect(replayed.sort()).toEqual(ALLOWED.map(item => String(item['name'])).sort());
    for (const outcome of result.requests.filter(entry => entry.replayed))
      expect(outcome.status).toBe(200);
  });

  test.each(FORBIDDEN.map(entry => [entry.label, entry] as const))(
    '%s: reported as non-loopback-url and not sent',
    (_label, entry) => {
      const outcome = result.requests.find(candidate => candidate.request.label === entry.label);
      expect(outcome).toBeDefined();
      expect(outcome?.replayed).toBe(false);
      const finding = result.findings.find(
        candidate => candidate.rule === 'non-loopback-url' && candidate.request === entry.label,
      );
      expect(finding?.message).toMatch(entry.reason);
      expect(finding?.message).toMatch(/was not sent because/);
    },
  );

  test('only 127.0.0.1:<the port of a Prism the run started> was contacted, once per replayed request', () => {
    const fetched = contacts
      .filter(contact => contact.via === 'fetch')
      .map(contact => new URL(contact.target));
    // The main run and the callbacks run each start their own Prism, so two origins.
    const origins = [...new Set(fetched.map(url => url.origin))];
    expect(origins).toHaveLength(2);
    for (const origin of origins) expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fetched.filter(url => url.origin === origins[0])).toHaveLength(ALLOWED.length);
    expect(fetched.filter(url => url.origin === origins[1])).toHaveLength(1);
    const allowed = new Set(origins.map(origin => `127.0.0.1:${new URL(origin).port}`));
    for (const contact of contacts.filter(entry => entry.via === 'net.Socket#connect'))
      expect(allowed.has(contact.target)).toBe(true);
  });

  test('a $ref to another host inside an example is refused by the Prism host, not downloaded', () => {
    expect(exampleRefResult.exitCode).toBe(2);
    expect(exampleRefResult.toolError?.code).toBe('prism-not-ready');
    expect(exampleRefResult.toolError?.message).toMatch(
      /refusing to download "http:\/\/example\.com\/health\.json"/,
    );
  });

  test('callbacks are reported and never sent by the Prism host', () => {
    expect(callbackResult.exitCode).toBe(1);
    const messages = callbackResult.findings
      .filter(finding => finding.rule === 'non-loopback-url')
      .map(finding => finding.message);
    expect(messages).toEqual([
      expect.stringMatching(
        /callback "ev" to "http:\/\/192\.0\.2\.1\/cb": its URL points at the host "192\.0\.2\.1"/,
      ),
      expect.stringMatching(/callback "fromBody" .*decides its URL at run time/),
    ]);
    expect(callbackResult.requests[0]?.replayed).toBe(true);
  });

  test('no DNS question was asked, here or in the Prism host', () => {
    expect(dnsQuestions).toEqual([]);
    const childLog = readGuardLog(guardLog);
    // The guard really ran in the Prism host (a child of this process), so its silence counts.
    expect(
      childLog.filter(entry => entry['kind'] === 'loaded' && entry['pid'] !== process.pid).length,
    ).toBeGreaterThan(0);
    expect(childLog.filter(entry => entry['kind'] === 'dns')).toEqual([]);
    expect(
      childLog.filter(entry => entry['kind'] === 'connect' && entry['host'] !== '127.0.0.1'),
    ).toEqual([]);
  });
});

function readGuardLog(file: string): Array<Record<string, unknown>> {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(line => line !== '')
    .map(line => JSON.parse(line) as Record<string, unknown>);
}

// The decision itself, by parsing alone: quick to read as a table.
describe('the loopback decision', () => {
  const decide = (url: string): string => {
    const resolution = resolveRequestUrl({
      rawUrl: url,
      variables: new Map(),
      pathVariables: new Map(),
    } as unknown as CollectionRequest);
    return resolution.unsendable === undefined ? 'send' : 'refuse';
  };

  test.each([
    ['http://127.0.0.1:4010/x', 'send'],
    ['http://localhost:4010/x', 'send'],
    ['http://LOCALHOST:4010/x', 'send'],
    ['http://[::1]:4010/x', 'send'],
    ['http://127.1/x', 'send'],
    ['http://0x7f.1/x', 'send'],
    ['http://2130706433/x', 'send'],
    ['http://%31%32%37.0.0.1/x', 'send'],
    ['http://127.0.0.1\\@example.com/x', 'send'], // WHATWG and Postman both read this as 127.0.0.1, path "/@example.com/x"
    ['http://127.0.0.1#@example.com/x', 'send'], // the rest is a fragment
    ['http://127.0.0.1.example.com/x', 'refuse'],
    ['http://localhost.example.com/x', 'refuse'],
    ['http://127.0.0.1.nip.io/x', 'refuse'],
    ['http://127.0.0.1@example.com/x', 'refuse'],
    ['http://example.com@127.0.0.1/x', 'refuse'],
    ['http://127.0.0.1%2F@example.com/x', 'refuse'],
    ['http://[::ffff:7f00:1]/x', 'refuse'],
    ['http://[::ffff:127.0.0.1]/x', 'refuse'],
    ['http://[fe80::1]/x', 'refuse'],
    ['http://0.0.0.0/x', 'refuse'],
    ['http://localhost./x', 'refuse'],
    ['http://127.0.0.1:4010//example.com/x', 'refuse'],
    ['file:///etc/passwd', 'refuse'],
    ['ftp://127.0.0.1/x', 'refuse'],
    ['https://127.0.0.1/x', 'refuse'],
    ['javascript:alert(1)', 'refuse'],
    ['blob:http://127.0.0.1/x', 'refuse'],
  ])('%s → %s', (url, expected) => {
    expect(decide(url)).toBe(expected);
  });
});
