// The generated code is what the checked-in SDL gives (the same check `.ci/run` makes with
// `git diff --exit-code`), and a schema change without regenerating is caught.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { generate } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';

import config from '../codegen.js';

const OUTPUT = 'src/generated/graphql.ts';
const SCHEMA = '../../spec/schema.graphql';

async function generated(schema: string): Promise<string> {
  const outputs = (await generate({ ...config, schema, silent: true, verbose: false } as Types.Config, false)) as Types.FileOutput[];
  const file = outputs.find((o) => o.filename.endsWith(OUTPUT));
  assert.ok(file, 'codegen produced the client types');
  return file.content;
}

test('the committed types are what the checked-in SDL gives', { timeout: 60_000 }, async () => {
  assert.equal(await generated(SCHEMA), readFileSync(OUTPUT, 'utf8'));
});

test('a schema change without regenerating shows as a difference', { timeout: 60_000 }, async () => {
  const changed = readFileSync(SCHEMA, 'utf8').replace('type Note implements Node {', 'type Note implements Node {\n\tmood: String!');
  assert.notEqual(await generated(changed), readFileSync(OUTPUT, 'utf8'));
});
