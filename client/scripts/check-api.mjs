// Fails when src/api/schema.d.ts is not what openapi-typescript makes of the checked-in
// OpenAPI document (api/openapi/v1.json), i.e. someone changed the API and not the types.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const client = join(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(client, 'src/api/schema.d.ts');
const folder = mkdtempSync(join(tmpdir(), 'kazgov-schema-'));
const fresh = join(folder, 'schema.d.ts');
try {
  execFileSync(join(client, 'node_modules/.bin/openapi-typescript'), ['../api/openapi/v1.json', '-o', fresh], {
    cwd: client,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let current = '';
  try {
    current = readFileSync(committed, 'utf8');
  } catch {
    // Missing counts as stale.
  }
  if (readFileSync(fresh, 'utf8') !== current) {
    console.error('client: src/api/schema.d.ts is stale: api/openapi/v1.json has changed. Run `npm run gen:api` in client/ and commit the result.');
    process.exit(1);
  }
  console.log('client: API types match api/openapi/v1.json');
} finally {
  rmSync(folder, { recursive: true, force: true });
}
