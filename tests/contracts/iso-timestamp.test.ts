import rule from '../../contracts/iso-timestamp';
import {
  aUser,
  collectionDocument,
  jsonPointer,
  operationPointer,
  savedResponse,
  specDocument,
  withValue,
} from '../support/documents';
import type { RuleCase } from '../support/test-rule';
import { testExchange, testRule } from '../support/test-rule';

const GET_USER = operationPointer('/api/v1/users/{id}', 'get');
const USER_EXAMPLE = `${jsonPointer(`${GET_USER}/responses/200`)}/example`;
const USER_PROPERTIES = `${jsonPointer(`${GET_USER}/responses/200`)}/schema/properties/data/properties`;
const NOT_RFC_3339 = 'must be an RFC 3339 date-time with "T" and an offset';

const withCreatedAt = (value: unknown): unknown =>
  withValue(specDocument(), USER_EXAMPLE, { data: { ...aUser(), created_at: value } });

// Decisions: any number of fractional digits and any "+hh:mm"/"-hh:mm" offset pass, as RFC 3339
// allows; the lower-case "t"/"z" that RFC 3339 tolerates fails, because the house rule asks for "T".
const rejected: Array<[string, string]> = [
  ['2024-12-05T10:00:00', 'it has no offset'],
  ['2024-12-05 10:00:00Z', 'a space separates date and time'],
  ['2024-12-05 10:00:00.123+00:00', 'a space separates date and time, as str(datetime) writes it'],
  ['2024-02-30T10:00:00Z', 'the day is February 30'],
  ['2023-02-29T10:00:00Z', 'February 29 falls in a year that is not a leap year'],
  ['2024-12-05t10:00:00z', 'it uses lower-case "t" and "z" only'],
  ['2024-12-05T10:00:00+0530', 'its offset has no colon'],
  ['2024-12-05T10:00Z', 'it has no seconds'],
  ['2024-12-05T24:00:00Z', 'the hour is 24'],
  ['1733392800', 'it is a Unix time in a timestamp field'],
];

describe('iso-timestamp', () => {
  describe('documents', () => {
    testRule(rule, [
      {
        name: 'accepts RFC 3339 variants: 1 to 9 fractional digits, offsets other than Z, a leap day',
        spec: withValue(specDocument(), USER_EXAMPLE, {
          data: {
            ...aUser(),
            created_at: '2024-12-05T10:00:00.1Z',
            updated_at: '2024-12-05T10:00:00.123456789+05:30',
            started_at: '2024-02-29T23:59:59-08:00',
            finished_at: '2024-12-05T10:00:00+00:00',
            date: '2024-02-29',
          },
        }),
        findings: [],
      },
      {
        name: 'accepts a plain day in a field whose name is not a timestamp name',
        spec: withValue(specDocument(), USER_EXAMPLE, { data: { ...aUser(), name: '2024-12-05' } }),
        findings: [],
      },
      ...rejected.map(([value, why]): RuleCase => ({
        name: `reports a finding when a timestamp is ${JSON.stringify(value)}: ${why}`,
        spec: withCreatedAt(value),
        findings: [
          {
            pointer: USER_EXAMPLE,
            message: `"data.created_at" in example "example" of "GET /api/v1/users/{id}" 200 ${NOT_RFC_3339}`,
          },
        ],
      })),
      {
        name: 'reports a finding when a date-like value in a field of any name has a space separator',
        spec: withValue(specDocument(), USER_EXAMPLE, {
          data: { ...aUser(), name: '2024-12-05 10:00:00' },
        }),
        findings: [
          {
            pointer: USER_EXAMPLE,
            message: `"data.name" in example "example" of "GET /api/v1/users/{id}" 200 ${NOT_RFC_3339}`,
          },
        ],
      },
      {
        name: 'reports a finding when a "date" holds a date-time instead of a day',
        spec: withValue(specDocument(), USER_EXAMPLE, {
          data: { ...aUser(), date: '2024-12-05T00:00:00Z' },
        }),
        findings: [
          {
            pointer: USER_EXAMPLE,
            message:
              '"data.date" in example "example" of "GET /api/v1/users/{id}" 200 must be a day in the form YYYY-MM-DD',
          },
        ],
      },
      {
        name: 'reports a finding when a saved response holds a timestamp without an offset',
        collection: withValue(
          collectionDocument(),
          '/item/1/response/0',
          savedResponse('default', 200, {
            data: { ...aUser(), created_at: '2024-12-05T10:00:00' },
          }),
        ),
        findings: [
          {
            pointer: '/item/1/response/0/body',
            message: `"data.created_at" in saved response "default" of "Get user" ${NOT_RFC_3339}`,
          },
        ],
      },
      {
        name: 'reports a finding when a timestamp property declares no format',
        spec: withValue(specDocument(), `${USER_PROPERTIES}/created_at`, {
          type: 'string',
          readOnly: true,
        }),
        findings: [
          {
            pointer: `${USER_PROPERTIES}/created_at`,
            message: 'Property "created_at" is a timestamp and must declare "format": "date-time"',
          },
        ],
      },
      {
        name: 'reports a finding when a nullable "date" property declares no format',
        spec: withValue(specDocument(), `${USER_PROPERTIES}/date`, { type: ['string', 'null'] }),
        findings: [
          {
            pointer: `${USER_PROPERTIES}/date`,
            message: 'Property "date" is a timestamp and must declare "format": "date"',
          },
        ],
      },
      {
        name: 'accepts a nullable timestamp property that declares its format',
        spec: withValue(specDocument(), `${USER_PROPERTIES}/deleted_at`, {
          type: ['string', 'null'],
          format: 'date-time',
        }),
        findings: [],
      },
    ]);
  });

  describe('live answers', () => {
    testExchange(rule, [
      {
        name: 'accepts a live answer with RFC 3339 timestamps',
        request: 'Get user',
        response: {
          status: 200,
          body: { data: { ...aUser(), created_at: '2024-12-05T10:00:00.250-08:00' } },
        },
        findings: [],
      },
      {
        name: 'reports a finding when a live answer holds a timestamp without an offset',
        request: 'Get user',
        response: {
          status: 200,
          body: { data: { ...aUser(), created_at: '2024-12-05T10:00:00' } },
        },
        findings: [
          {
            pointer: GET_USER,
            message: `"data.created_at" in the mock's 200 answer to "Get user" ${NOT_RFC_3339}`,
          },
        ],
      },
    ]);
  });
});
