import rule from '../../contracts/saved-response-schema';
import {
  aUser,
  aUserBody,
  collectionDocument,
  savedResponse,
  withValue,
} from '../support/documents';
import { testRule } from '../support/test-rule';

const GET_USER_SAVED = '/item/1/response/0';

describe('saved-response-schema', () => {
  testRule(rule, [
    {
      name: 'accepts saved responses that fit the schema of their declared status',
      findings: [],
    },
    {
      name: 'accepts a saved response sent as "application/json; charset=utf-8"',
      collection: withValue(
        collectionDocument(),
        GET_USER_SAVED,
        savedResponse('default', 200, aUserBody(), 'application/json; charset=utf-8'),
      ),
      findings: [],
    },
    {
      name: 'accepts a saved response without a Content-Type header, read as JSON',
      collection: withValue(collectionDocument(), `${GET_USER_SAVED}/header`, []),
      findings: [],
    },
    {
      name: 'reports a finding when a saved response adds a field the closed schema forbids',
      collection: withValue(
        collectionDocument(),
        GET_USER_SAVED,
        savedResponse('Found', 200, { data: { ...aUser(), internal_notes: 'vip' } }),
      ),
      findings: [
        {
          pointer: `${GET_USER_SAVED}/body`,
          message:
            'Saved response "Found" of "Get user" at "data" must not have the property "internal_notes"',
        },
      ],
    },
    {
      name: 'reports a finding when a saved response lacks a required field',
      collection: withValue(
        collectionDocument(),
        GET_USER_SAVED,
        savedResponse('default', 200, { data: { id: 1, name: 'Ada' } }),
      ),
      findings: [
        {
          pointer: `${GET_USER_SAVED}/body`,
          message: 'at "data" must have the property "created_at"',
        },
      ],
    },
    {
      name: 'reports a finding when a saved response uses a code the operation does not declare',
      collection: withValue(
        collectionDocument(),
        GET_USER_SAVED,
        savedResponse('default', 201, aUserBody()),
      ),
      findings: [
        {
          pointer: `${GET_USER_SAVED}/code`,
          message:
            'Saved response "default" of "Get user" has code 201, but "GET /api/v1/users/{id}" declares 200',
        },
      ],
    },
    {
      name: 'reports a finding when a saved response body is not JSON',
      collection: withValue(collectionDocument(), `${GET_USER_SAVED}/body`, '{"data": {'),
      findings: [
        {
          pointer: `${GET_USER_SAVED}/body`,
          message: 'must have a JSON body, but it is not valid JSON',
        },
      ],
    },
  ]);
});
