import rule from '../../contracts/url-consistency';
import {
  collectionDocument,
  requestItem,
  urlObject,
  usersItems,
  withValue,
} from '../support/documents';
import { testRule } from '../support/test-rule';

const [listUsers, getUser, createUser] = usersItems();
const withListUsers = (url: unknown): unknown =>
  collectionDocument({ items: [requestItem('List users', 'GET', { url }), getUser, createUser] });

describe('url-consistency', () => {
  testRule(rule, [
    {
      name: 'accepts a raw URL and host/path parts that agree',
      findings: [],
    },
    {
      name: 'accepts a url written as a plain string, which has no parts to disagree with',
      collection: withListUsers('{{baseUrl}}/api/v1/users'),
      findings: [],
    },
    {
      name: 'accepts a url object with parts and no raw',
      collection: withListUsers({ host: ['{{baseUrl}}'], path: ['api', 'v1', 'users'] }),
      findings: [],
    },
    {
      name: 'accepts a raw URL that spells out the host {{baseUrl}} holds',
      collection: withListUsers({
        raw: 'http://127.0.0.1:4010/api/v1/users',
        host: ['{{baseUrl}}'],
        path: ['api', 'v1', 'users'],
      }),
      findings: [],
    },
    {
      name: 'accepts ":id" in both forms, filled by the same url variable',
      collection: collectionDocument({
        items: [
          listUsers,
          requestItem('Get user', 'GET', {
            path: '/api/v1/users/:id',
            pathVariables: [{ key: 'id', value: '7' }],
          }),
          createUser,
        ],
      }),
      findings: [],
    },
    {
      name: 'accepts a disabled query parameter that the raw URL leaves out',
      collection: withListUsers(
        urlObject('/api/v1/users', [
          { key: 'page', value: '1' },
          { key: 'limit', value: '500', disabled: true },
        ]),
      ),
      findings: [],
    },
    {
      name: 'reports a finding when url.raw and url.path name different paths',
      collection: withValue(collectionDocument(), '/item/0/request/url/path', [
        'api',
        'v1',
        'user',
      ]),
      findings: [
        {
          pointer: '/item/0/request/url/raw',
          message:
            'Request "List users" must have the same URL in "url.raw" ("http://127.0.0.1:4010/api/v1/users") and in its host/path parts ("http://127.0.0.1:4010/api/v1/user")',
        },
      ],
    },
    {
      name: 'reports a finding when url.raw and url.query disagree on a value',
      collection: withValue(collectionDocument(), '/item/0/request/url', {
        ...urlObject('/api/v1/users', [{ key: 'page', value: '2' }]),
        raw: '{{baseUrl}}/api/v1/users?page=1',
      }),
      findings: [
        {
          pointer: '/item/0/request/url/raw',
          message:
            '("http://127.0.0.1:4010/api/v1/users?page=1") and in its host/path parts ("http://127.0.0.1:4010/api/v1/users?page=2")',
        },
      ],
    },
    {
      name: 'reports a finding when url.raw and url.host name different hosts',
      collection: withValue(collectionDocument(), '/item/1/request/url/host', ['localhost:4010']),
      findings: [
        {
          pointer: '/item/1/request/url/raw',
          message: 'and in its host/path parts ("http://localhost:4010/api/v1/users/1")',
        },
      ],
    },
  ]);
});
