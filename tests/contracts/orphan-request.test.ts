import rule from '../../contracts/orphan-request';
import {
  BASE_URL,
  collectionDocument,
  requestItem,
  urlObject,
  usersItems,
  withValue,
} from '../support/documents';
import { testRule } from '../support/test-rule';

const [listUsers, getUser, createUser] = usersItems();
const withGetUser = (item: unknown, variables?: Array<{ key: string; value: string }>): unknown =>
  collectionDocument({
    items: [listUsers, item as Record<string, unknown>, createUser],
    variables,
  });

describe('orphan-request', () => {
  testRule(rule, [
    {
      name: 'accepts requests that each call a declared path',
      findings: [],
    },
    {
      name: 'accepts ":id" in the path filled by url.variable',
      collection: withGetUser(
        requestItem('Get user', 'GET', {
          path: '/api/v1/users/:id',
          pathVariables: [{ key: 'id', value: '7' }],
        }),
      ),
      findings: [],
    },
    {
      name: 'accepts "{{userId}}" filled by a collection variable',
      collection: withGetUser(
        requestItem('Get user', 'GET', { path: '/api/v1/users/{{userId}}' }),
        [
          { key: 'baseUrl', value: BASE_URL },
          { key: 'userId', value: '7' },
        ],
      ),
      findings: [],
    },
    {
      name: 'accepts "{{userId}}" filled by a variable of the request item itself',
      collection: withGetUser(
        requestItem('Get user', 'GET', {
          path: '/api/v1/users/{{userId}}',
          variables: [{ key: 'userId', value: '7' }],
        }),
      ),
      findings: [],
    },
    {
      name: 'accepts a path segment from a collection variable, such as the API version',
      collection: collectionDocument({
        items: [
          requestItem('List users', 'GET', { path: '/api/{{apiVersion}}/users' }),
          getUser,
          createUser,
        ],
        variables: [
          { key: 'baseUrl', value: BASE_URL },
          { key: 'apiVersion', value: 'v1' },
        ],
      }),
      findings: [],
    },
    {
      name: 'accepts a url written as a plain string',
      collection: withGetUser(
        requestItem('Get user', 'GET', { url: '{{baseUrl}}/api/v1/users/1' }),
      ),
      findings: [],
    },
    {
      name: 'accepts a request that is only its url string',
      collection: withGetUser({ name: 'Get user', request: '{{baseUrl}}/api/v1/users/1' }),
      findings: [],
    },
    {
      name: 'accepts a url object with host and path but no raw',
      collection: withGetUser(
        requestItem('Get user', 'GET', {
          url: { host: ['{{baseUrl}}'], path: ['api', 'v1', 'users', '1'] },
        }),
      ),
      findings: [],
    },
    {
      name: 'reports a finding when a request drops the /api/v1 prefix, with a hint',
      collection: withValue(collectionDocument(), '/item/0/request/url', urlObject('/users')),
      findings: [
        {
          pointer: '/item/0/request/url',
          message:
            'Request "List users" calls "GET /users", which matches no path in the spec; did you mean "/api/v1/users"?',
        },
      ],
    },
    {
      name: 'reports a finding when a request adds a segment no path has',
      collection: withValue(
        collectionDocument(),
        '/item/1/request/url',
        urlObject('/api/v1/users/1/avatar'),
      ),
      findings: [
        {
          pointer: '/item/1/request/url',
          message: '"GET /api/v1/users/1/avatar", which matches no path in the spec',
        },
      ],
    },
    {
      name: 'reports a finding when a request has no URL',
      collection: withValue(collectionDocument(), '/item/1/request/url', ''),
      findings: [
        {
          pointer: '/item/1/request/url',
          message: 'Request "Get user" must have a URL that names a spec path',
        },
      ],
    },
  ]);
});
