import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_FILE, generatedFiles, SCHEMA_FILE } from '../gen-api.js';

describe('generated API files', () => {
  it('are up to date with the contracts (run `npm run gen:api` after changing a contract)', async () => {
    const { schema, document } = await generatedFiles();
    // Compared as whole texts: a stale file fails with the first differing line in the diff.
    expect(readFileSync(SCHEMA_FILE, 'utf8'), 'apps/web/src/api/generated/schema.ts is stale: npm run gen:api').toBe(
      schema,
    );
    expect(readFileSync(DOCUMENT_FILE, 'utf8'), 'docs/openapi.json is stale: npm run gen:api').toBe(document);
  }, 120_000);
});
