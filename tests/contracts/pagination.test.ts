import rule from '../../contracts/pagination';
import {
  aUser,
  aUserList,
  collectionDocument,
  jsonPointer,
  operationPointer,
  savedResponse,
  specDocument,
  withValue,
} from '../support/documents';
import type { RuleCase } from '../support/test-rule';
import { testExchange, testRule } from '../support/test-rule';

const LIST_USERS = operationPointer('/api/v1/users', 'get');
const LIST_EXAMPLE = `${jsonPointer(`${LIST_USERS}/responses/200`)}/example`;

const users = (count: number): unknown[] =>
  Array.from({ length: count }, (_, index) => aUser(index + 1));
const page = (count: number, meta: Record<string, unknown>): unknown =>
  withValue(specDocument(), LIST_EXAMPLE, { data: users(count), meta });

// D4: 0 <= len(data) <= limit, total >= (page - 1) * limit + len(data), and a first page with
// fewer than limit items has total == len(data).
const accepted: Array<[string, number, Record<string, unknown>]> = [
  ['a short first page whose total is its length', 2, { total: 2, page: 1, limit: 50 }],
  ['an empty first page with total 0', 0, { total: 0, page: 1, limit: 50 }],
  ['a full first page with more items to come', 2, { total: 10, page: 1, limit: 2 }],
  ['a full middle page', 2, { total: 5, page: 2, limit: 2 }],
  ['a short last page', 1, { total: 5, page: 3, limit: 2 }],
];

const inconsistent: Array<[string, number, Record<string, unknown>, string]> = [
  [
    '"data" holds more items than "meta.limit"',
    3,
    { total: 3, page: 1, limit: 2 },
    '"data" holds 3 items, more than "meta.limit" 2',
  ],
  [
    '"meta.total" is less than the items up to this page',
    2,
    { total: 3, page: 2, limit: 2 },
    '"meta.total" 3 is less than the 4 items up to this page',
  ],
  [
    'an empty page lies past the total',
    0,
    { total: 5, page: 4, limit: 2 },
    '"meta.total" 5 is less than the 6 items up to this page',
  ],
  [
    'a short first page claims more items than it holds',
    2,
    { total: 10, page: 1, limit: 50 },
    'a first page with 2 of at most 50 items is the last page, so "meta.total" must be 2, got 10',
  ],
  [
    '"meta.page" is 0',
    1,
    { total: 1, page: 0, limit: 50 },
    '"meta.page" must be at least 1, got 0',
  ],
  [
    '"meta.limit" is 0',
    0,
    { total: 0, page: 1, limit: 0 },
    '"meta.limit" must be at least 1, got 0',
  ],
];

describe('pagination', () => {
  describe('documents', () => {
    testRule(rule, [
      ...accepted.map(([what, count, meta]): RuleCase => ({
        name: `accepts ${what}`,
        spec: page(count, meta),
        findings: [],
      })),
      {
        name: 'accepts a body whose "data" is an object, without "meta"',
        findings: [],
      },
      ...inconsistent.map(([what, count, meta, message]): RuleCase => ({
        name: `reports a finding when ${what}`,
        spec: page(count, meta),
        findings: [
          {
            pointer: LIST_EXAMPLE,
            message: `The list body of example "example" of "GET /api/v1/users" 200 is inconsistent: ${message}`,
          },
        ],
      })),
      {
        name: 'reports a finding when "meta.limit" is not an integer',
        spec: page(2, { total: 2, page: 1, limit: 2.5 }),
        findings: [{ pointer: LIST_EXAMPLE, message: 'must have integer "meta.limit" (2.5)' }],
      },
      {
        name: 'reports a finding when "meta.total" is a string and "meta.page" is missing',
        spec: page(2, { total: '2', limit: 50 }),
        findings: [
          {
            pointer: LIST_EXAMPLE,
            message: 'must have integer "meta.total" ("2"), "meta.page" (missing)',
          },
        ],
      },
      {
        name: 'reports a finding when a list has no "meta"',
        spec: withValue(specDocument(), LIST_EXAMPLE, { data: users(2) }),
        findings: [
          {
            pointer: LIST_EXAMPLE,
            message: 'must have a "meta" object with integer "total", "page" and "limit"',
          },
        ],
      },
      {
        name: 'reports a finding when a saved list response has no "meta"',
        collection: withValue(
          collectionDocument(),
          '/item/0/response/0',
          savedResponse('default', 200, { data: users(1) }),
        ),
        findings: [
          {
            pointer: '/item/0/response/0/body',
            message:
              'The list body of saved response "default" of "List users" must have a "meta" object',
          },
        ],
      },
    ]);
  });

  describe('live answers', () => {
    testExchange(rule, [
      {
        name: 'accepts a live list whose meta agrees with its items',
        request: 'List users',
        response: { status: 200, body: aUserList(3) },
        findings: [],
      },
      {
        name: 'reports a finding when a live list has more items than its limit',
        request: 'List users',
        response: { status: 200, body: { data: users(3), meta: { total: 3, page: 1, limit: 2 } } },
        findings: [
          {
            pointer: LIST_USERS,
            message:
              'The list body of the mock\'s 200 answer to "List users" is inconsistent: "data" holds 3 items',
          },
        ],
      },
    ]);
  });
});
