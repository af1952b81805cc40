import rule from '../../contracts/request-schema';
import {
  BASE_URL,
  collectionDocument,
  JSON_CONTENT_TYPE,
  operationPointer,
  requestItem,
  specDocument,
  urlObject,
  userSchema,
  usersItems,
  usersPaths,
  withValue,
} from '../support/documents';
import type { JsonObject } from '../support/documents';
import { testExchange, testRule } from '../support/test-rule';

const CREATE_USER = operationPointer('/api/v1/users', 'post');
const LIST_USERS = operationPointer('/api/v1/users', 'get');
const CREATE_BODY = '/item/2/request/body/raw';
const [listUsers, , createUser] = usersItems();

const withBody = (raw: string): unknown => withValue(collectionDocument(), CREATE_BODY, raw);
const withGetUser = (
  item: JsonObject,
  variables?: Array<{ key: string; value: string }>,
): unknown => collectionDocument({ items: [listUsers, item, createUser], variables });
const withCreateSchema = (schema: unknown, components?: JsonObject): unknown =>
  withValue(
    specDocument({ components }),
    `${CREATE_USER}/requestBody/content/application~1json/schema`,
    schema,
  );

// "/users/me" comes after "/users/{id}" in the document; it must still win for "/users/me".
const withMe = specDocument({
  paths: {
    ...usersPaths(),
    '/api/v1/users/me': { get: { responses: { '200': { description: 'OK' } } } },
  },
});

describe('request-schema', () => {
  describe('documents', () => {
    testRule(rule, [
      {
        name: 'accepts bodies and parameters that fit their schemas',
        findings: [],
      },
      {
        name: 'reports a finding when a body field holds a number where the schema wants a string',
        collection: withBody('{"name": 42}'),
        findings: [
          {
            pointer: CREATE_BODY,
            message: 'The body of request "Create user" at "name" must be string, got 42 (integer)',
          },
        ],
      },
      {
        name: 'reports a finding when a body lacks a required field',
        collection: withBody('{}'),
        findings: [
          {
            pointer: CREATE_BODY,
            message: 'The body of request "Create user" must have the property "name"',
          },
        ],
      },
      {
        name: 'reports a finding when a body has a field the closed schema does not know',
        collection: withBody('{"name": "Ada", "role": "admin"}'),
        findings: [{ pointer: CREATE_BODY, message: 'must not have the property "role"' }],
      },
      {
        name: 'reports a finding when a raw body is not JSON',
        collection: withBody('{"name": "Ada",}'),
        findings: [
          {
            pointer: CREATE_BODY,
            message:
              'Request "Create user" must send a JSON body, but its raw body is not valid JSON',
          },
        ],
      },
      {
        name: 'reports a finding when a required body is missing',
        collection: withValue(collectionDocument(), '/item/2/request/body', undefined),
        findings: [
          {
            pointer: '/item/2/request',
            message:
              'Request "Create user" must send the request body that "POST /api/v1/users" requires',
          },
        ],
      },
      {
        name: 'accepts a body without the readOnly properties its schema requires',
        spec: withCreateSchema(userSchema()),
        findings: [],
      },
      {
        name: 'reports a finding when a body breaks a keyword written beside $ref, which applies in 3.1',
        spec: withCreateSchema(
          { $ref: '#/components/schemas/NewUser', required: ['name', 'email'] },
          {
            schemas: {
              NewUser: {
                type: 'object',
                properties: { name: { type: 'string' }, email: { type: 'string' } },
              },
            },
          },
        ),
        findings: [{ pointer: CREATE_BODY, message: 'must have the property "email"' }],
      },
      {
        name: 'reports a finding when a path parameter does not fit its integer schema',
        collection: withValue(
          collectionDocument(),
          '/item/1/request/url',
          urlObject('/api/v1/users/abc'),
        ),
        findings: [
          {
            pointer: '/item/1/request/url',
            message:
              'Request "Get user" sends the path parameter "id" = "abc", which must be integer',
          },
        ],
      },
      {
        name: 'accepts a path parameter filled by ":id" and url.variable',
        collection: withGetUser(
          requestItem('Get user', 'GET', {
            path: '/api/v1/users/:id',
            pathVariables: [{ key: 'id', value: '7' }],
          }),
        ),
        findings: [],
      },
      {
        name: 'reports a finding when url.variable fills ":id" with a value the schema rejects',
        collection: withGetUser(
          requestItem('Get user', 'GET', {
            path: '/api/v1/users/:id',
            pathVariables: [{ key: 'id', value: 'seven' }],
          }),
        ),
        findings: [
          { pointer: '/item/1/request/url', message: '"id" = "seven", which must be integer' },
        ],
      },
      {
        name: 'accepts a path parameter filled by a collection variable',
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
        name: 'accepts a concrete path that would not fit the templated one beside it',
        spec: withMe,
        collection: withGetUser(requestItem('Get me', 'GET', { path: '/api/v1/users/me' })),
        findings: [],
      },
      {
        name: 'reports a finding when a query parameter is above its maximum',
        collection: withValue(
          collectionDocument(),
          '/item/0/request/url',
          urlObject('/api/v1/users', [{ key: 'limit', value: '500' }]),
        ),
        findings: [
          {
            pointer: '/item/0/request/url',
            message: 'sends the query parameter "limit" = "500", which must be <= 100',
          },
        ],
      },
      {
        name: 'reports a finding when a required query parameter is only present disabled',
        spec: withValue(specDocument(), `${LIST_USERS}/parameters/0/required`, true),
        collection: withValue(
          collectionDocument(),
          '/item/0/request/url',
          urlObject('/api/v1/users', [{ key: 'page', value: '1', disabled: true }]),
        ),
        findings: [
          {
            pointer: '/item/0/request/url',
            message:
              'Request "List users" must send the required query parameter "page" of "GET /api/v1/users"',
          },
        ],
      },
      {
        name: "accepts Prism's Prefer control header and other headers the spec does not declare",
        collection: withValue(collectionDocument(), '/item/2/request/header', [
          JSON_CONTENT_TYPE,
          { key: 'Prefer', value: 'code=201, example=default' },
          { key: 'X-Trace', value: 'abc' },
        ]),
        findings: [],
      },
    ]);
  });

  describe('live answers', () => {
    const rejection = {
      type: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY',
      title: 'Invalid request',
      status: 422,
      validation: [
        {
          location: ['body'],
          severity: 'Error',
          code: 'required',
          message: "Request body must have required property 'name'",
        },
        {
          location: ['body', 'email'],
          severity: 'Error',
          code: 'type',
          message: 'Request body property email must be string',
        },
      ],
    };
    testExchange(rule, [
      {
        name: 'accepts an answer that reports no violations',
        request: 'Create user',
        response: {
          status: 201,
          body: { data: { id: 1, name: 'Ada', created_at: '2024-12-05T10:00:00Z' } },
        },
        findings: [],
      },
      {
        name: 'reports a finding when Prism rejects the request, naming each violation',
        request: 'Create user',
        response: {
          status: 422,
          headers: { 'content-type': 'application/problem+json' },
          body: rejection,
        },
        findings: [
          {
            pointer: '/item/2',
            message:
              'The mock rejected "Create user" with 422: body Request body must have required property \'name\'; body.email Request body property email must be string',
          },
        ],
      },
      {
        name: 'reports a finding when Prism answers but lists request violations in its sl-violations header',
        request: 'Create user',
        response: {
          status: 201,
          headers: {
            'sl-violations': JSON.stringify([
              {
                location: ['request', 'query', 'limit'],
                severity: 'Error',
                message: 'must be <= 100',
              },
            ]),
          },
          body: { data: { id: 1, name: 'Ada', created_at: '2024-12-05T10:00:00Z' } },
        },
        findings: [{ pointer: '/item/2', message: 'with 201: query.limit must be <= 100' }],
      },
    ]);
  });
});
