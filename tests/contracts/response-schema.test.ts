import rule from '../../contracts/response-schema';
import {
  aUser,
  aUserBody,
  itemEnvelope,
  jsonPointer,
  operationPointer,
  specDocument,
  userSchema,
  withValue,
} from '../support/documents';
import type { JsonObject } from '../support/documents';
import { testExchange } from '../support/test-rule';

const GET_USER = operationPointer('/api/v1/users/{id}', 'get');
const USER_SCHEMA = `${jsonPointer(`${GET_USER}/responses/200`)}/schema`;

const withDataSchema = (
  data: JsonObject,
  options: { openapi?: string; components?: JsonObject } = {},
): unknown => withValue(specDocument(options), USER_SCHEMA, itemEnvelope(data));
const withNickname = (nickname: JsonObject, openapi?: string): unknown => {
  const user = userSchema();
  (user['properties'] as JsonObject)['nickname'] = nickname;
  return withDataSchema(user, { openapi });
};
const tree: JsonObject = {
  schemas: {
    Node: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string' },
        children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
      },
    },
  },
};

describe('response-schema', () => {
  testExchange(rule, [
    {
      name: 'accepts a live answer that fits the response schema',
      request: 'Get user',
      response: { status: 200, body: aUserBody() },
      findings: [],
    },
    {
      name: 'reports a finding when a live answer has a string where the schema wants an integer',
      request: 'Get user',
      response: { status: 200, body: { data: { ...aUser(), id: 'u-1' } } },
      findings: [
        {
          pointer: USER_SCHEMA,
          document: 'spec',
          message:
            'The mock\'s 200 answer to "Get user" at "data.id" must be integer, got "u-1" (string)',
        },
      ],
    },
    {
      name: 'reports a finding when the content type carries a charset, which does not skip the check',
      request: 'Get user',
      response: {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: { data: { ...aUser(), extra: true } },
      },
      findings: [{ pointer: USER_SCHEMA, message: 'at "data" must not have the property "extra"' }],
    },
    {
      name: 'reports a finding when a JSON answer does not parse',
      request: 'Get user',
      response: { status: 200, bodyText: '{"data": ' },
      findings: [
        {
          pointer: USER_SCHEMA,
          message: 'The mock\'s 200 answer to "Get user" must be JSON, but is not',
        },
      ],
    },
    {
      name: 'reports a finding when null meets "nullable: true", which means nothing in 3.1',
      spec: withNickname({ type: 'string', nullable: true }),
      request: 'Get user',
      response: { status: 200, body: { data: { ...aUser(), nickname: null } } },
      findings: [
        { pointer: USER_SCHEMA, message: 'at "data.nickname" must be string, got null (null)' },
      ],
    },
    {
      name: 'accepts null where an OpenAPI 3.0 document says "nullable: true"',
      spec: withNickname({ type: 'string', nullable: true }, '3.0.3'),
      request: 'Get user',
      response: { status: 200, body: { data: { ...aUser(), nickname: null } } },
      findings: [],
    },
    {
      name: 'accepts null where a 3.1 type array includes "null"',
      spec: withNickname({ type: ['string', 'null'] }),
      request: 'Get user',
      response: { status: 200, body: { data: { ...aUser(), nickname: null } } },
      findings: [],
    },
    {
      name: 'accepts an answer without the writeOnly properties its schema requires',
      spec: (() => {
        const user = userSchema();
        (user['properties'] as JsonObject)['password'] = { type: 'string', writeOnly: true };
        (user['required'] as string[]).push('password');
        return withDataSchema(user);
      })(),
      request: 'Get user',
      response: { status: 200, body: aUserBody() },
      findings: [],
    },
    {
      name: 'accepts a nested answer that fits a self-referencing schema',
      spec: withDataSchema({ $ref: '#/components/schemas/Node' }, { components: tree }),
      request: 'Get user',
      response: {
        status: 200,
        body: { data: { name: 'root', children: [{ name: 'leaf', children: [] }] } },
      },
      findings: [],
    },
    {
      name: 'reports a finding deep inside a self-referencing schema',
      spec: withDataSchema({ $ref: '#/components/schemas/Node' }, { components: tree }),
      request: 'Get user',
      response: { status: 200, body: { data: { name: 'root', children: [{ children: [] }] } } },
      findings: [
        { pointer: USER_SCHEMA, message: 'at "data.children[0]" must have the property "name"' },
      ],
    },
    {
      name: "accepts Prism's own error answer, whose status the operation does not declare",
      request: 'Get user',
      response: {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
        body: { title: 'Not found' },
      },
      findings: [],
    },
  ]);
});
