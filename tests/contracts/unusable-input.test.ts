import rule from '../../contracts/unusable-input';
import { collectionDocument, specDocument } from '../support/documents';
import { testRule } from '../support/test-rule';

const specText = (): string => `${JSON.stringify(specDocument(), null, 2)}\n`;
const collectionText = (): string => `${JSON.stringify(collectionDocument(), null, 2)}\n`;

describe('unusable-input', () => {
  testRule(rule, [
    {
      name: 'accepts a spec and a collection that are strict JSON',
      findings: [],
    },
    {
      name: 'accepts a collection that starts with a UTF-8 byte-order mark',
      collection: `\uFEFF${collectionText()}`,
      findings: [],
    },
    {
      name: 'reports a finding when the spec has a trailing comma',
      spec: '{\n  "openapi": "3.1.0",\n  "info": { "title": "t", "version": "1" },\n  "paths": {},\n}\n',
      findings: [{ pointer: '', line: 4, message: /not valid JSON at line 4.*trailing comma/ }],
      exit: 2,
    },
    {
      name: 'reports a finding when the collection is truncated',
      collection: collectionText().slice(0, collectionText().indexOf('"item"')),
      findings: [{ pointer: '', message: 'ends too early' }],
      exit: 2,
    },
    {
      name: 'reports a finding when an object repeats a key',
      spec: '{\n  "openapi": "3.1.0",\n  "openapi": "3.0.3",\n  "info": { "title": "t", "version": "1" },\n  "paths": {}\n}\n',
      findings: [{ pointer: '', line: 3, message: 'the key "openapi" appears twice' }],
      exit: 2,
    },
    {
      name: 'reports a finding when the spec has no "info" object',
      spec: '{\n  "openapi": "3.1.0",\n  "paths": {}\n}\n',
      findings: [{ pointer: '', line: 1, message: 'must have an "info" object' }],
      exit: 2,
    },
    {
      name: 'reports a finding when the spec has no "paths" object',
      spec: '{\n  "openapi": "3.1.0",\n  "info": { "title": "t", "version": "1" }\n}\n',
      findings: [{ pointer: '', line: 1, message: 'must have a "paths" object' }],
      exit: 2,
    },
    {
      name: 'reports a finding when the spec holds a comment',
      spec: specText().replace('{\n', '{\n  // the users API\n'),
      findings: [{ pointer: '', line: 2, message: 'comments are not allowed' }],
      exit: 2,
    },
    {
      name: 'reports a finding when a $ref points at nothing',
      spec: specDocument({
        paths: {
          '/api/v1/users': {
            get: {
              responses: {
                '200': {
                  description: 'OK',
                  content: {
                    'application/json': { schema: { $ref: '#/components/schemas/Person' } },
                  },
                },
              },
            },
          },
        },
      }),
      findings: [
        {
          pointer:
            '/paths/~1api~1v1~1users/get/responses/200/content/application~1json/schema/$ref',
          message: '$ref "#/components/schemas/Person" that points at nothing',
        },
      ],
      exit: 2,
    },
    {
      name: 'reports a finding when a $ref points at another file',
      spec: specDocument({
        paths: {
          '/api/v1/users': { get: { responses: { '200': { $ref: 'responses.json#/Users' } } } },
        },
      }),
      findings: [
        {
          pointer: '/paths/~1api~1v1~1users/get/responses/200/$ref',
          message: 'external $ref "responses.json#/Users"',
        },
      ],
      exit: 2,
    },
    {
      name: 'reports a finding when the spec is Swagger 2.0',
      spec: { swagger: '2.0', info: { title: 't', version: '1' }, paths: {} },
      findings: [{ pointer: '', message: 'convert Swagger 2.0 to OpenAPI 3.1' }],
      exit: 2,
    },
    {
      name: 'reports a finding when the collection is a Postman v1 export',
      collection: {
        id: 'c1',
        name: 'Users',
        order: ['r1'],
        requests: [{ id: 'r1', method: 'GET', url: '{{baseUrl}}/api/v1/users' }],
      },
      findings: [{ pointer: '', message: 'Postman v1 format' }],
      exit: 2,
    },
    {
      name: 'reports a finding when the collection does not declare the v2.1 schema',
      collection: { ...collectionDocument(), info: { name: 'Users' } },
      findings: [{ pointer: '/info/schema', message: '"info.schema"' }],
      exit: 2,
    },
  ]);
});
