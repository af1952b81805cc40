import rule from '../../contracts/success-only';
import {
  aUserBody,
  collectionDocument,
  itemEnvelope,
  jsonResponse,
  operationPointer,
  requestItem,
  savedResponse,
  specDocument,
  userSchema,
  usersItems,
  withValue,
} from '../support/documents';
import { testExchange, testRule } from '../support/test-rule';

const GET_USER = operationPointer('/api/v1/users/{id}', 'get');
const CREATE_USER = operationPointer('/api/v1/users', 'post');
const problem = {
  type: 'https://stoplight.io/prism/errors#NOT_FOUND',
  title: 'Route not resolved',
  detail: 'No route matched',
};

describe('success-only', () => {
  describe('documents', () => {
    testRule(rule, [
      {
        name: 'accepts operations that declare only 200 or 201 and saved responses with those codes',
        findings: [],
      },
      {
        name: 'reports a finding when an operation declares a 404 response',
        spec: withValue(specDocument(), `${GET_USER}/responses/404`, { description: 'Not found' }),
        findings: [
          {
            pointer: `${GET_USER}/responses/404`,
            message:
              'Operation "GET /api/v1/users/{id}" must declare only 200 or 201 responses, but declares "404"',
          },
        ],
      },
      {
        name: 'reports a finding when an operation declares 204 instead of 200',
        spec: withValue(specDocument(), `${GET_USER}/responses`, {
          '204': { description: 'No content' },
        }),
        findings: [{ pointer: `${GET_USER}/responses/204`, message: 'declares "204"' }],
      },
      {
        // The issue reads "any status but 200/201 (or default)": a default response stands for errors.
        name: 'reports a finding when an operation declares a default response',
        spec: withValue(specDocument(), `${GET_USER}/responses/default`, { description: 'Error' }),
        findings: [{ pointer: `${GET_USER}/responses/default`, message: 'declares "default"' }],
      },
      {
        name: 'reports a finding when a saved response has code 404',
        collection: withValue(
          collectionDocument(),
          '/item/1/response/1',
          savedResponse('missing', 404, { detail: 'not found' }),
        ),
        findings: [
          {
            pointer: '/item/1/response/1/code',
            message:
              'Saved response "missing" of "Get user" must have code 200 or 201, but has 404',
          },
        ],
      },
    ]);
  });

  describe('live answers', () => {
    const twoSuccesses = withValue(
      specDocument(),
      `${CREATE_USER}/responses/200`,
      jsonResponse(itemEnvelope(userSchema()), aUserBody()),
    );
    const preferring = (value: string): unknown =>
      collectionDocument({
        items: [
          ...usersItems().slice(0, 2),
          requestItem('Create user', 'POST', {
            path: '/api/v1/users',
            headers: [
              { key: 'Content-Type', value: 'application/json' },
              { key: 'Prefer', value },
            ],
            body: { name: 'Ada' },
          }),
        ],
      });

    testExchange(rule, [
      {
        name: 'accepts an answer with the declared status',
        request: 'Get user',
        response: { status: 200, body: aUserBody() },
        findings: [],
      },
      {
        name: 'accepts the status that the Prefer header asks Prism for',
        spec: twoSuccesses,
        collection: preferring('code=201'),
        request: 'Create user',
        response: { status: 201, body: aUserBody() },
        findings: [],
      },
      {
        name: 'reports a finding when the answer is not the status that the Prefer header asks for',
        spec: twoSuccesses,
        collection: preferring('code=200'),
        request: 'Create user',
        response: { status: 201, body: aUserBody() },
        findings: [
          {
            pointer: '/item/2',
            message:
              'must answer "Create user" with 200 as "POST /api/v1/users" declares, but answered 201',
          },
        ],
      },
      {
        name: 'reports a finding when the mock answers 404, with the detail it gave',
        request: 'Get user',
        response: {
          status: 404,
          headers: { 'content-type': 'application/problem+json' },
          body: problem,
        },
        findings: [
          { pointer: '/item/1', message: /with 200 .* but answered 404 \("Route not resolved"\)/ },
        ],
      },
      {
        name: 'accepts a 422 rejection that names request violations, which request-schema reports',
        request: 'Create user',
        response: {
          status: 422,
          headers: { 'content-type': 'application/problem+json' },
          body: {
            title: 'Invalid request',
            validation: [
              { location: ['body', 'name'], message: 'must be string', severity: 'Error' },
            ],
          },
        },
        findings: [],
      },
    ]);
  });
});
