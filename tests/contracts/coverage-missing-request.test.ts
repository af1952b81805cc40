import rule from '../../contracts/coverage-missing-request';
import {
  aUserBody,
  collectionDocument,
  itemEnvelope,
  jsonResponse,
  operationPointer,
  requestItem,
  specDocument,
  userSchema,
  usersItems,
  usersPaths,
  withValue,
} from '../support/documents';
import { testRule } from '../support/test-rule';

const GET_USER = operationPointer('/api/v1/users/{id}', 'get');
const GET_ME = operationPointer('/api/v1/users/me', 'get');

// The templated path comes first in the document, so matching cannot depend on key order.
const withMe = specDocument({
  paths: {
    ...usersPaths(),
    '/api/v1/users/me': {
      get: {
        summary: 'Get me',
        responses: { '200': jsonResponse(itemEnvelope(userSchema()), aUserBody()) },
      },
    },
  },
});
const [listUsers, getUser, createUser] = usersItems();

describe('coverage-missing-request', () => {
  testRule(rule, [
    {
      name: 'accepts a collection with a request for every operation',
      findings: [],
    },
    {
      name: 'accepts requests nested in folders',
      collection: collectionDocument({
        items: [
          { name: 'Users', item: [{ name: 'Reading', item: [listUsers, getUser] }, createUser] },
        ],
      }),
      findings: [],
    },
    {
      name: 'accepts an operation exercised through ":id" with a url variable',
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
      name: 'reports a finding when no request calls an operation',
      collection: collectionDocument({ items: [listUsers, createUser] }),
      findings: [
        {
          pointer: GET_USER,
          message:
            'Operation "GET /api/v1/users/{id}" ("Get user") must be exercised by a collection request, but none calls it',
        },
      ],
    },
    {
      name: 'reports a finding when the only request of an operation uses another method',
      collection: withValue(collectionDocument(), '/item/2/request/method', 'PUT'),
      findings: [
        {
          pointer: operationPointer('/api/v1/users', 'post'),
          message: 'Operation "POST /api/v1/users"',
        },
      ],
    },
    {
      name: 'reports the templated operation when the only request calls the concrete path that shadows it',
      spec: withMe,
      collection: collectionDocument({
        items: [listUsers, requestItem('Get me', 'GET', { path: '/api/v1/users/me' }), createUser],
      }),
      findings: [{ pointer: GET_USER, message: 'Operation "GET /api/v1/users/{id}"' }],
    },
    {
      name: 'reports the concrete operation when the only request fills the template with another value',
      spec: withMe,
      findings: [{ pointer: GET_ME, message: 'Operation "GET /api/v1/users/me" ("Get me")' }],
    },
  ]);
});
