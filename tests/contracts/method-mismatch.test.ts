import rule from '../../contracts/method-mismatch';
import { collectionDocument, withValue } from '../support/documents';
import { testRule } from '../support/test-rule';

describe('method-mismatch', () => {
  testRule(rule, [
    {
      name: 'accepts requests whose methods the spec declares for their paths',
      findings: [],
    },
    {
      name: 'accepts a method written in lower case',
      collection: withValue(collectionDocument(), '/item/1/request/method', 'get'),
      findings: [],
    },
    {
      name: 'accepts a request without a method, which Postman sends as GET',
      collection: withValue(collectionDocument(), '/item/1/request/method', undefined),
      findings: [],
    },
    {
      name: 'reports a finding when a request uses PUT where the path declares only GET',
      collection: withValue(collectionDocument(), '/item/1/request/method', 'PUT'),
      findings: [
        {
          pointer: '/item/1/request/method',
          message:
            'Request "Get user" sends "PUT" to "/api/v1/users/{id}", which the spec only declares with "GET"',
        },
      ],
    },
    {
      name: 'reports a finding that lists every declared method of the path',
      collection: withValue(collectionDocument(), '/item/0/request/method', 'DELETE'),
      findings: [
        {
          pointer: '/item/0/request/method',
          message:
            'sends "DELETE" to "/api/v1/users", which the spec only declares with "GET", "POST"',
        },
      ],
    },
  ]);
});
