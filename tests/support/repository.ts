import { join } from 'node:path';

/** The repository's own documents, which `npm test` holds to the contract. */
export const ROOT = join(__dirname, '..', '..');
export const SPEC_PATH = join(ROOT, 'spec', 'openapi.json');
export const COLLECTION_PATH = join(ROOT, 'collection', 'PixCrawler_Frontend_Mock.json');
