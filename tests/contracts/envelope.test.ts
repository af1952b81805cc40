import rule from '../../contracts/envelope';
import {
  aUser,
  aUserBody,
  collectionDocument,
  jsonPointer,
  operationPointer,
  savedResponse,
  specDocument,
  withValue,
} from '../support/documents';
import { testExchange, testRule } from '../support/test-rule';

const GET_USER = operationPointer('/api/v1/users/{id}', 'get');
const CREATE_USER = operationPointer('/api/v1/users', 'post');
const USER_EXAMPLE = `${jsonPointer(`${GET_USER}/responses/200`)}/example`;

describe('envelope', () => {
  describe('documents', () => {
    testRule(rule, [
      {
        name: 'accepts examples and saved responses that hold "data" and "meta" only',
        findings: [],
      },
      {
        name: 'reports a finding when an example has a top-level key beside "data"',
        spec: withValue(specDocument(), USER_EXAMPLE, {
          data: aUser(),
          links: { self: '/api/v1/users/1' },
        }),
        findings: [
          {
            pointer: USER_EXAMPLE,
            message: 'must hold only "data" and "meta" at the top level, but also has "links"',
          },
        ],
      },
      {
        name: 'reports a finding when an example has no "data" key',
        spec: withValue(specDocument(), USER_EXAMPLE, { user: aUser() }),
        findings: [
          { pointer: USER_EXAMPLE, message: 'must have a top-level "data" key' },
          { pointer: USER_EXAMPLE, message: 'but also has "user"' },
        ],
      },
      {
        name: 'reports a finding when an example is a bare array',
        spec: withValue(specDocument(), USER_EXAMPLE, [aUser()]),
        findings: [
          { pointer: USER_EXAMPLE, message: 'must be an object with "data", but is an array' },
        ],
      },
      {
        name: 'reports a finding when a 201 response declares no content, so the mock answers with an empty body',
        spec: withValue(specDocument(), `${CREATE_USER}/responses/201`, { description: 'Created' }),
        findings: [
          {
            pointer: `${CREATE_USER}/responses/201`,
            message: 'Response 201 of "POST /api/v1/users" must have JSON content',
          },
        ],
      },
      {
        name: 'reports a finding when a saved response wraps its data in another key',
        collection: withValue(
          collectionDocument(),
          '/item/1/response/0',
          savedResponse('default', 200, { result: aUser() }),
        ),
        findings: [
          {
            pointer: '/item/1/response/0/body',
            message: 'saved response "default" of "Get user" must have a top-level "data" key',
          },
          { pointer: '/item/1/response/0/body', message: 'but also has "result"' },
        ],
      },
    ]);
  });

  describe('live answers', () => {
    testExchange(rule, [
      {
        name: 'accepts a live answer with "data" only',
        request: 'Get user',
        response: { status: 200, body: aUserBody() },
        findings: [],
      },
      {
        name: 'reports a finding when the live answer has an extra top-level key',
        request: 'Get user',
        response: { status: 200, body: { ...aUserBody(), error: null } },
        findings: [
          {
            pointer: GET_USER,
            message: 'the mock\'s 200 answer to "Get user" must hold only "data" and "meta"',
          },
        ],
      },
      {
        name: 'reports a finding when a declared status comes with an empty body',
        request: 'Create user',
        response: { status: 201, bodyText: '' },
        findings: [
          {
            pointer: CREATE_USER,
            message:
              'The mock\'s 201 answer to "Create user" must be a {data, meta} object, but its body is empty',
          },
        ],
      },
      {
        name: "accepts Prism's own error answer for a status the operation does not declare",
        request: 'Get user',
        response: {
          status: 422,
          headers: { 'content-type': 'application/problem+json' },
          body: { title: 'Invalid request' },
        },
        findings: [],
      },
    ]);
  });
});
