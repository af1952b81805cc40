import dns from 'node:dns';

import rule from '../../contracts/non-loopback-url';
import { BASE_URL, collectionDocument, requestItem, usersItems } from '../support/documents';
import type { RuleCase } from '../support/test-rule';
import { testRule } from '../support/test-rule';

const [listUsers, getUser, createUser] = usersItems();
const withBaseUrl = (baseUrl: string): unknown =>
  collectionDocument({ variables: [{ key: 'baseUrl', value: baseUrl }] });
const withListUsers = (url: string): unknown =>
  collectionDocument({ items: [requestItem('List users', 'GET', { url }), getUser, createUser] });

// Scheme-less URLs go over http, as Postman sends them ("localhost:" is a host, not a scheme).
// Numeric spellings parse to 127.0.0.1 (WHATWG URL), so they stay on this machine.
const loopback = [
  'http://127.0.0.1:4010',
  '127.0.0.1:4010',
  'localhost:4010',
  'http://localhost:4010',
  'http://127.1:4010',
  'http://0x7f.0.0.1:4010',
  'http://2130706433:4010',
  'http://[::1]:4010',
];

const remote: Array<[string, string, string]> = [
  ['another host', 'http://api.example.com', 'points at the host "api.example.com"'],
  [
    'a look-alike that starts with the loopback address',
    'http://127.0.0.1.example.com',
    'points at the host "127.0.0.1.example.com"',
  ],
  [
    'a look-alike that starts with localhost',
    'http://localhost.example.com:4010',
    'points at the host "localhost.example.com"',
  ],
  [
    'user information that disguises the real host',
    'http://127.0.0.1@example.com',
    'carries user information ("127.0.0.1@")',
  ],
  ['the https scheme, even on loopback', 'https://127.0.0.1:4010', 'uses the scheme "https:"'],
  ['the file scheme', 'file:///etc', 'uses the scheme "file:"'],
  ['the unspecified address 0.0.0.0', 'http://0.0.0.0:4010', 'points at the host "0.0.0.0"'],
];

describe('non-loopback-url', () => {
  testRule(rule, [
    ...loopback.map((baseUrl): RuleCase => ({
      name: `accepts {{baseUrl}} = ${baseUrl}`,
      collection: withBaseUrl(baseUrl),
      findings: [],
    })),
    ...remote.map(([what, baseUrl, message]): RuleCase => ({
      name: `reports a finding when {{baseUrl}} uses ${what} (${baseUrl})`,
      collection: withBaseUrl(baseUrl),
      findings: ['/item/0', '/item/1', '/item/2'].map(item => ({
        pointer: `${item}/request/url`,
        message,
      })),
    })),
    {
      name: 'reports a finding when a request-level variable overrides {{baseUrl}} with a public host',
      collection: collectionDocument({
        items: [
          listUsers,
          requestItem('Get user', 'GET', {
            path: '/api/v1/users/1',
            variables: [{ key: 'baseUrl', value: 'http://api.example.com' }],
          }),
          createUser,
        ],
      }),
      findings: [
        {
          pointer: '/item/1/request/url',
          message:
            'Request "Get user" was not sent because its URL points at the host "api.example.com"',
        },
      ],
    },
    {
      name: 'reports a finding when a folder variable overrides {{baseUrl}} for the requests inside',
      collection: collectionDocument({
        items: [
          {
            name: 'Users',
            variable: [{ key: 'baseUrl', value: 'https://api.example.com' }],
            item: [listUsers],
          },
          getUser,
          createUser,
        ],
      }),
      findings: [
        {
          pointer: '/item/0/item/0/request/url',
          message:
            'Request "Users › List users" was not sent because its URL uses the scheme "https:"',
        },
      ],
    },
    {
      name: 'reports a finding when a request hard-codes a public host',
      collection: withListUsers('https://api.example.com/api/v1/users'),
      findings: [
        {
          pointer: '/item/0/request/url',
          message: 'its URL must resolve to http://127.0.0.1 through "{{baseUrl}}"',
        },
      ],
    },
    {
      name: 'accepts a hard-coded loopback URL, which base-url-variable reports instead',
      collection: withListUsers(`${BASE_URL}/api/v1/users`),
      findings: [],
    },
  ]);

  test('never asks DNS about a host while checking', async () => {
    const lookup = jest.spyOn(dns, 'lookup');
    const resolve = jest.spyOn(dns.promises, 'lookup');
    const { buildContext } = await import('../support/test-rule');
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { specDocument } = await import('../support/documents');
    const folder = mkdtempSync(join(tmpdir(), 'contract-dns-'));
    try {
      writeFileSync(join(folder, 'spec.json'), JSON.stringify(specDocument()));
      writeFileSync(
        join(folder, 'collection.json'),
        JSON.stringify(withBaseUrl('http://localhost.example.com')),
      );
      const findings =
        rule.checkStatic?.(
          buildContext(join(folder, 'spec.json'), join(folder, 'collection.json')),
        ) ?? [];
      expect(findings).toHaveLength(3);
      expect(lookup).not.toHaveBeenCalled();
      expect(resolve).not.toHaveBeenCalled();
    } finally {
      rmSync(folder, { recursive: true, force: true });
      lookup.mockRestore();
      resolve.mockRestore();
    }
  });
});
