import rule from '../../contracts/content-type';
import {
  collectionDocument,
  operationPointer,
  specDocument,
  withValue,
} from '../support/documents';
import type { RuleCase } from '../support/test-rule';
import { testRule } from '../support/test-rule';

const CREATE_HEADERS = '/item/2/request/header';
const withContentType = (value: string): unknown =>
  withValue(collectionDocument(), `${CREATE_HEADERS}/0`, { key: 'Content-Type', value });

describe('content-type', () => {
  testRule(rule, [
    {
      name: 'accepts a JSON body sent with "Content-Type: application/json"',
      findings: [],
    },
    ...[
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/json;charset=UTF-8',
    ].map((value): RuleCase => ({
      name: `accepts "Content-Type: ${value}", parameters and case aside`,
      collection: withContentType(value),
      findings: [],
    })),
    {
      name: 'accepts a header whose name is written in lower case',
      collection: withValue(collectionDocument(), `${CREATE_HEADERS}/0`, {
        key: 'content-type',
        value: 'application/json',
      }),
      findings: [],
    },
    {
      name: 'accepts any JSON media type when the operation declares a wildcard',
      spec: withValue(
        specDocument(),
        `${operationPointer('/api/v1/users', 'post')}/requestBody/content`,
        { 'application/*': { schema: { type: 'object' } } },
      ),
      collection: withContentType('application/merge-patch+json'),
      findings: [],
    },
    {
      name: 'reports a finding when the body is sent as text/plain',
      collection: withContentType('text/plain'),
      findings: [
        {
          pointer: `${CREATE_HEADERS}/0`,
          message:
            'Request "Create user" sends "Content-Type: text/plain", but "POST /api/v1/users" accepts only "application/json"',
        },
      ],
    },
    {
      name: 'reports a finding when a body has no Content-Type header',
      collection: withValue(collectionDocument(), CREATE_HEADERS, []),
      findings: [
        {
          pointer: CREATE_HEADERS,
          message:
            'Request "Create user" sends a body and must send a "Content-Type" header ("application/json")',
        },
      ],
    },
    {
      name: 'reports a finding when the only Content-Type header is disabled, since disabled headers do not exist',
      collection: withValue(collectionDocument(), `${CREATE_HEADERS}/0`, {
        key: 'Content-Type',
        value: 'application/json',
        disabled: true,
      }),
      findings: [{ pointer: CREATE_HEADERS, message: 'must send a "Content-Type" header' }],
    },
    {
      name: 'reports a finding when a GET sends a body that its operation does not accept',
      collection: withValue(collectionDocument(), '/item/1/request/body', {
        mode: 'raw',
        raw: '{"name": "Ada"}',
      }),
      findings: [
        {
          pointer: '/item/1/request/body/raw',
          message: 'Request "Get user" sends a body, but "GET /api/v1/users/{id}" accepts none',
        },
      ],
    },
    {
      name: 'accepts a disabled body, which is not sent',
      collection: withValue(collectionDocument(), '/item/1/request/body', {
        mode: 'raw',
        raw: '{"name": "Ada"}',
        disabled: true,
      }),
      findings: [],
    },
  ]);
});
