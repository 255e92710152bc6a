import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * `schema.gql` is the contract other code builds on (the web app generates its types from it): it
 * is printed from the running app's schema, and this test fails when the two differ.
 * `npm run schema` rewrites the file from the code.
 */
const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.gql');

describe('the committed GraphQL schema', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
  });

  afterAll(async () => app.close());

  it('should be exactly what the code serves (npm run schema writes it)', () => {
    const printed = `${printSchema(lexicographicSortSchema(app.running.app.get(GraphQLSchemaHost).schema))}\n`;
    if (process.env.WRITE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, printed);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printed);
  });
});
