import rule from '../../contracts/example-schema';
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
import { testRule } from '../support/test-rule';

const GET_USER = operationPointer('/api/v1/users/{id}', 'get');
const CREATE_USER = operationPointer('/api/v1/users', 'post');
const USER_MEDIA = jsonPointer(`${GET_USER}/responses/200`);

const withUserMedia = (
  media: JsonObject,
  options: { openapi?: string; components?: JsonObject } = {},
): unknown => withValue(specDocument(options), USER_MEDIA, media);
const userWith = (extra: JsonObject): JsonObject => {
  const user = userSchema();
  Object.assign(user['properties'] as JsonObject, extra);
  return user;
};
const badUser = { data: { ...aUser(), id: 'u-1' } };

describe('example-schema', () => {
  testRule(rule, [
    {
      name: 'accepts examples that fit their schemas',
      findings: [],
    },
    {
      name: 'reports a finding when the single example breaks its schema',
      spec: withValue(specDocument(), `${USER_MEDIA}/example`, badUser),
      findings: [
        {
          pointer: `${USER_MEDIA}/example`,
          message:
            'Example "example" of "GET /api/v1/users/{id}" response 200 at "data.id" must be integer, got "u-1" (string)',
        },
      ],
    },
    {
      name: 'reports a finding for each named example that breaks its schema, and only for those',
      spec: withUserMedia({
        schema: itemEnvelope(userSchema()),
        examples: { active: { value: aUserBody() }, broken: { value: badUser } },
      }),
      findings: [
        {
          pointer: `${USER_MEDIA}/examples/broken/value`,
          message: 'Example "broken" of "GET /api/v1/users/{id}"',
        },
      ],
    },
    {
      name: 'reports a finding at the components entry when a named example is a $ref',
      spec: withUserMedia(
        {
          schema: itemEnvelope(userSchema()),
          examples: { broken: { $ref: '#/components/examples/Broken' } },
        },
        { components: { examples: { Broken: { value: badUser } } } },
      ),
      findings: [{ pointer: '/components/examples/Broken/value', message: 'Example "broken"' }],
    },
    {
      name: 'reports a finding when a request body example breaks its schema',
      spec: withValue(specDocument(), `${jsonPointer(`${CREATE_USER}/requestBody`)}/example`, {
        name: '',
      }),
      findings: [
        {
          pointer: `${jsonPointer(`${CREATE_USER}/requestBody`)}/example`,
          message:
            'of "POST /api/v1/users" request body at "name" must NOT have fewer than 1 characters',
        },
      ],
    },
    {
      name: 'reports a finding when a parameter example breaks its schema',
      spec: withValue(specDocument(), `${GET_USER}/parameters/0/example`, 'abc'),
      findings: [
        {
          pointer: `${GET_USER}/parameters/0/example`,
          message:
            'Example "example" of parameter "id" of "GET /api/v1/users/{id}" must be integer',
        },
      ],
    },
    {
      name: 'reports a finding when a component schema example breaks that schema',
      spec: specDocument({
        components: { schemas: { User: { ...userSchema(), example: { ...aUser(), name: 7 } } } },
      }),
      findings: [
        {
          pointer: '/components/schemas/User/example',
          message: 'The example of schema "User" at "name" must be string',
        },
      ],
    },
    {
      name: 'reports a finding when null meets "nullable: true", which means nothing in 3.1',
      spec: withUserMedia({
        schema: itemEnvelope(userWith({ nickname: { type: 'string', nullable: true } })),
        example: { data: { ...aUser(), nickname: null } },
      }),
      findings: [
        {
          pointer: `${USER_MEDIA}/example`,
          message: 'at "data.nickname" must be string, got null (null)',
        },
      ],
    },
    {
      name: 'accepts null where an OpenAPI 3.0 document says "nullable: true"',
      spec: withUserMedia(
        {
          schema: itemEnvelope(userWith({ nickname: { type: 'string', nullable: true } })),
          example: { data: { ...aUser(), nickname: null } },
        },
        { openapi: '3.0.3' },
      ),
      findings: [],
    },
    {
      name: 'accepts null where a 3.1 type array includes "null"',
      spec: withUserMedia({
        schema: itemEnvelope(userWith({ nickname: { type: ['string', 'null'] } })),
        example: { data: { ...aUser(), nickname: null } },
      }),
      findings: [],
    },
    {
      name: 'reports a finding when an example breaks a keyword written beside $ref, which applies in 3.1',
      spec: withUserMedia(
        {
          schema: itemEnvelope(
            userWith({ name: { $ref: '#/components/schemas/Name', maxLength: 5 } }),
          ),
          example: { data: { ...aUser(), name: 'Alexandra' } },
        },
        { components: { schemas: { Name: { type: 'string' } } } },
      ),
      findings: [
        {
          pointer: `${USER_MEDIA}/example`,
          message: 'at "data.name" must NOT have more than 5 characters',
        },
      ],
    },
    {
      name: 'accepts a response example without the writeOnly properties its schema requires',
      spec: withUserMedia({
        schema: itemEnvelope({
          ...userWith({ password: { type: 'string', writeOnly: true } }),
          required: ['id', 'name', 'created_at', 'password'],
        }),
        example: aUserBody(),
      }),
      findings: [],
    },
    {
      name: 'accepts a request example without the readOnly properties its schema requires',
      spec: withValue(specDocument(), jsonPointer(`${CREATE_USER}/requestBody`), {
        schema: userSchema(),
        example: { name: 'Ada' },
      }),
      findings: [],
    },
    {
      name: 'reports a finding when a request example holds a property its schema does not know',
      spec: withValue(specDocument(), jsonPointer(`${CREATE_USER}/requestBody`), {
        schema: userSchema(),
        example: { name: 'Ada', role: 'admin' },
      }),
      findings: [
        {
          pointer: `${jsonPointer(`${CREATE_USER}/requestBody`)}/example`,
          message: 'request body must not have the property "role"',
        },
      ],
    },
  ]);
});
