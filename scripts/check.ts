// `npm run check -- --spec FILE --collection FILE [--format text|json|junit|github] [--static]`
// Exit codes: 0 the contract holds, 1 findings, 2 unusable input or a mock that would not start.
import { parseArgs } from 'node:util';

import { stopAllPrism, warmPrism } from '../contracts/lib/prism';
import { formatResult, isReportFormat, REPORT_FORMATS } from '../contracts/lib/report';

const DEFAULT_SPEC = 'spec/openapi.json';
const DEFAULT_COLLECTION = 'collection/PixCrawler_Frontend_Mock.json';
const USAGE = `Usage: npm run check -- [--spec FILE] [--collection FILE] [--format ${REPORT_FORMATS.join('|')}] [--static]`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        spec: { type: 'string' },
        collection: { type: 'string' },
        format: { type: 'string', default: 'text' },
        static: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!isReportFormat(values.format)) {
    process.stderr.write(
      `Expected --format to be one of ${REPORT_FORMATS.join(', ')}, got "${values.format}".\n${USAGE}\n`,
    );
    return 2;
  }

  // The defaults are the repository's pair; half a pair would check a spec against the wrong file.
  if ((values.spec === undefined) !== (values.collection === undefined)) {
    const missing = values.spec === undefined ? '--spec' : '--collection';
    process.stderr.write(
      `Expected ${missing} too: give both files, or neither to check the repository's own pair.\n${USAGE}\n`,
    );
    return 2;
  }
  const specPath = values.spec ?? DEFAULT_SPEC;
  const collectionPath = values.collection ?? DEFAULT_COLLECTION;

  // Prism's host loads while this process loads the engine (AJV, the rules) and runs the static rules.
  if (!values.static) warmPrism();
  const { runCheck } =
    require('../contracts/lib/engine') as typeof import('../contracts/lib/engine');
  const result = await runCheck({
    specPath,
    collectionPath,
    static: values.static,
  });
  process.stdout.write(formatResult(result, values.format));
  return result.exitCode;
}

main()
  .then(code => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    // The engine reports problems as findings; reaching here is a bug in this tool, said plainly.
    process.stderr.write(
      `The contract check failed unexpectedly: ${(error as Error).message ?? String(error)}\n`,
    );
    process.exitCode = 2;
  })
  .finally(() => stopAllPrism());
