import rule from '../../contracts/base-url-variable';
import {
  collectionDocument,
  requestItem,
  urlObject,
  usersItems,
  withValue,
} from '../support/documents';
import { testRule } from '../support/test-rule';

const [, getUser, createUser] = usersItems();
const withListUsers = (url: unknown): unknown =>
  collectionDocument({ items: [requestItem('List users', 'GET', { url }), getUser, createUser] });

describe('base-url-variable', () => {
  testRule(rule, [
    {
      name: 'accepts URLs that start with {{baseUrl}}',
      findings: [],
    },
    {
      name: 'accepts a string url that starts with {{baseUrl}}',
      collection: withListUsers('{{baseUrl}}/api/v1/users'),
      findings: [],
    },
    {
      name: 'accepts a url object without raw whose host is {{baseUrl}}',
      collection: withListUsers({ host: ['{{baseUrl}}'], path: ['api', 'v1', 'users'] }),
      findings: [],
    },
    {
      name: 'reports a finding when a request hard-codes the loopback mock',
      collection: withListUsers({
        raw: 'http://127.0.0.1:4010/api/v1/users',
        protocol: 'http',
        host: ['127', '0', '0', '1'],
        port: '4010',
        path: ['api', 'v1', 'users'],
      }),
      findings: [
        {
          pointer: '/item/0/request/url',
          message:
            'Request "List users" must start its URL with "{{baseUrl}}", but it is "http://127.0.0.1:4010/api/v1/users"',
        },
      ],
    },
    {
      name: 'reports a finding when a request uses another variable for its host',
      collection: withValue(collectionDocument(), '/item/1/request/url', {
        ...urlObject('/api/v1/users/1'),
        raw: '{{host}}/api/v1/users/1',
        host: ['{{host}}'],
      }),
      findings: [
        { pointer: '/item/1/request/url', message: 'but it is "{{host}}/api/v1/users/1"' },
      ],
    },
    {
      name: 'reports a finding when a string url hard-codes a public host',
      collection: withListUsers('https://api.example.com/api/v1/users'),
      findings: [
        {
          pointer: '/item/0/request/url',
          message: 'but it is "https://api.example.com/api/v1/users"',
        },
      ],
    },
  ]);
});
